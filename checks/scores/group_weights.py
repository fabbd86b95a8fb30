"""PRF003 — a group's declared 分值 equals the sum of its indicators' 分值."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.scores.forms import children_weight_parts, label_of, preferred_declaration, score_forms
from checks.scores._common import sum_check


@register
class GroupWeights(Check):
    """指标组的分值不等于其下级指标分值之和。

    What: a group of indicators declares a weight — in its label ("产出指标（50分）",
    "C2部门效果（21分）", "年度目标1: (10分)") or on a subtotal row (投入 | 16 | ——) —
    and the weights of the indicators (or sub-groups) below it add up to it, in
    every weight column (参考分值 and 设定分值 alike). With indicator codes (A1, A11,
    C213) the tree follows the codes, not the printed position.
    Why: weights that do not add up make the whole score scale wrong (the total is
    no longer out of 100), and they usually reveal an indicator lost or duplicated.
    Failing example::

        C2部门效果（21分） | C213…（5分） | 5
                          | C22…（5分）   | 5
                          | C23…（5分）   | 5
                          | C25…（5分）   | 10    → PRF003 error: 分值 21 ≠ 下级指标分值之和 25
    """

    code = "PRF003"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            columns = len(form.weight_columns)
            for group in form.groups():
                for column in range(columns):
                    stated = group.stated_weights[column] if group.stated_weights else None
                    if stated is None and column == columns - 1:
                        stated = preferred_declaration(group)
                    parts = children_weight_parts(group, column) if stated is not None else None
                    if not parts:
                        continue
                    heading = form.weight_columns[column].rsplit("/", 1)[-1] if columns > 1 else "分值"
                    yield sum_check(
                        self, stated, parts,
                        stated_label=f"「{label_of(group)}」{heading}",
                        expected_label="下级指标分值之和",
                        relation=("group-weight", stated.location, column), form=form,
                    )
