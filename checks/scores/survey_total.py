"""PRF031 — the survey's 问卷总分 equals Σ 分值 × 人数 (and its full marks Σ max 分值)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.relations import check_sum, check_value
from auditor.rounding import Quantity
from auditor.scores.survey import surveys


@register
class SurveyTotal(Check):
    """问卷总分不等于各选项分值与人数乘积之和。

    What: 问卷总分 is the sum over every option of 标准分值 × 人数; when the row also
    prints the full marks of one questionnaire ("问卷总分 | 100 | 4880"), that is
    the sum of each question's highest 分值.
    Why: the survey's score (问卷综合得分) is 总分 ÷ 份数; a wrong total gives a
    wrong satisfaction score.
    Failing example::

        10 × (48 + 49 + …) + 5 × (1 + 1) = 4890, 问卷总分 4880   → PRF031 error
    """

    code = "PRF031"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for survey in surveys(doc):
            options = [o for q in survey.questions for o in q.options]
            if survey.total is not None:
                expected = sum((o.value.value * o.count.value for o in options), Decimal(0))
                inputs = [f for o in options for f in (o.value, o.count)]
                yield check_value(
                    self, survey.total, Quantity.exact(expected), inputs,
                    stated_label="问卷总分", expected_label="各选项分值×人数之和",
                    arithmetic=" + ".join(f"{o.value.text}×{o.count.text}" for o in options if o.count.value)
                    + f" = {expected}",
                    relation=("survey-total", survey.total.location),
                )
            if survey.full_marks is not None:
                best = []
                for question in survey.questions:
                    best.append(max((o.value for o in question.options), key=lambda f: f.value))
                yield check_sum(
                    self, survey.full_marks, [(1, f) for f in best],
                    stated_label="问卷满分", expected_label="各题最高分值之和",
                    relation=("survey-full-marks", survey.full_marks.location),
                )
