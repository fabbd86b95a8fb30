"""PRF032 — the survey's 综合得分 equals 问卷总分 ÷ 有效问卷份数."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.relations import check_value
from auditor.rounding import quantity, ratio
from auditor.scores.survey import surveys


@register
class SurveyAverage(Check):
    """问卷综合得分不等于问卷总分除以有效问卷份数。

    What: 问卷综合得分 (the average questionnaire score) equals 问卷总分 ÷ 有效问卷份数,
    rounded to the printed decimals.
    Why: the satisfaction score is quoted as an indicator's result; it must follow
    from the survey's own figures.
    Failing example::

        问卷总分 4880 | 有效问卷份数 49 | 问卷综合得分 96.9   → PRF032 error: 96.9 ≠ 99.6
    """

    code = "PRF032"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for survey in surveys(doc):
            if survey.average is None or survey.total is None or survey.valid is None:
                continue
            expected = ratio(quantity(survey.total), quantity(survey.valid), Decimal(1))
            if expected is None:
                continue
            yield check_value(
                self, survey.average, expected, (survey.total, survey.valid),
                stated_label="问卷综合得分", expected_label="问卷总分÷有效问卷份数",
                arithmetic=f"{survey.total.text} ÷ {survey.valid.text}",
                relation=("survey-average", survey.average.location),
            )
