"""PRF020 — sub-scores listed in a sentence add up to the score stated after them."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.scores.prose import prose_totals
from checks.scores._common import sum_check


@register
class ProseSubScores(Check):
    """文字中列举的各项得分之和不等于其后所述的实际得分。

    What: a report paragraph that lists the scores of the indicators of a group
    ("…得1分；…得4分；…得3分；…得1分") and then states the group's score
    ("部门职能总评价分10分，实际得分8分") — the listed scores add up to it. Only the
    scores of the same numbered segment count; deductions ("扣0.5分") do not.
    Why: the narrative is what readers quote; a stated score that its own listed
    parts contradict is wrong in one place or the other.
    Failing example::

        …得1分；…得4分；…得3分；…得1分。部门职能总评价分10分，实际得分8分。
        → PRF020 error: 实际得分 8 ≠ 所列各项得分之和 9
    """

    code = "PRF020"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for total in prose_totals(doc):
            if len(total.parts) < 2:
                continue
            yield sum_check(
                self, total.score, total.parts,
                stated_label=f"「{total.name}」得分" if total.name else "得分",
                expected_label="所列各项得分之和",
                relation=("prose-sub-scores", total.score.location), form=None,
            )
