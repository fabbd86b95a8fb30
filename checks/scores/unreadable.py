"""PRF090 — a score table was recognised but part of it could not be read."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.scores.forms import score_forms
from checks.scores._common import where


@register
class UnreadableScores(Check):
    """评分表中有无法读取的行（覆盖缺口）。

    What: a 绩效自评 table was recognised (it has 分值/得分 or 预算数/执行数 headers)
    but a row could not be read: its numbers do not line up with the header's
    columns, or a 总分 row carries no score. Reported as info, naming the row.
    Why: no false comfort: the score checks did not verify that row, and a
    reviewer should look at it.
    Example: "总分行没有可读的分数" on a 合计 row whose figures were printed in
    another table.
    """

    code = "PRF090"
    severity = Severity.INFO

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for location, reason in form.gaps:
                yield self.finding(f"{where(form)}{reason}，该行未核对", location=location,
                                   relation=("unreadable", location))
