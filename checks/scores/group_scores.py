"""PRF004 — a subtotal row's 得分 equals the sum of its indicators' 得分."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.scores.forms import children_score_parts, label_of, score_forms
from checks.scores._common import sum_check


@register
class GroupScores(Check):
    """指标组的得分不等于其下级指标得分之和。

    What: a group that states its own score — a subtotal row such as
    "投入 | 16 | 16 | —— | 16.00" — equals the sum of the scores of the
    indicators below it.
    Why: the total is built from these subtotals; a subtotal that does not add up
    hides a wrong indicator score or makes the total wrong.
    Failing example::

        投入 | 16 | —— | 16.00
          工作规划合理性 | 3 | 3.00
          在职人员控制率 | 5 | 4.00 …   → PRF004 error: 得分 16.00 ≠ 下级指标得分之和
    """

    code = "PRF004"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for group in form.groups():
                if group.stated_score is None:
                    continue
                parts = children_score_parts(group)
                if parts:
                    yield sum_check(
                        self, group.stated_score, parts,
                        stated_label=f"「{label_of(group)}」得分", expected_label="下级指标得分之和",
                        relation=("group-score", group.stated_score.location), form=form,
                    )
