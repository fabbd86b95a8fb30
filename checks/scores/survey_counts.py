"""PRF030 — each survey question's answers add up to the number of valid questionnaires."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.relations import check_sum
from auditor.scores.survey import surveys


@register
class SurveyCounts(Check):
    """问卷某题各选项人数之和不等于有效问卷份数。

    What: in a satisfaction questionnaire table (question × option × 标准分值 ×
    人数), the counts of each question's options add up to 有效问卷份数: every
    valid questionnaire answers every question once.
    Why: a question answered by more (or fewer) people than returned valid
    questionnaires means a count was mistyped, and the survey score built on the
    counts is wrong.
    Failing example::

        7 | …资格认证… | A.经常开展 | 10 | 49
          |            | B.偶尔开展 | 5  | 1
          |            | C.不开展   | 0  | 0
        有效问卷份数 | 49              → PRF030 error: 有效问卷份数 49 ≠ 第7题各选项人数之和 50
    """

    code = "PRF030"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for survey in surveys(doc):
            if survey.valid is None:
                continue
            for number, question in enumerate(survey.questions, 1):
                counts = [(1, option.count) for option in question.options]
                yield check_sum(
                    self, survey.valid, counts,
                    stated_label="有效问卷份数", expected_label=f"第{number}题「{question.text[:20]}」各选项人数之和",
                    relation=("survey-count", question.options[0].count.location),
                )
