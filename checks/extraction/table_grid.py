"""EXT003 — a table whose grid could not be resolved from the page."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.extraction._problems import problem_findings


@register
class UnresolvedGrid(Check):
    """表格网格无法还原：单元格重叠、缺失或跨页合并无法对齐。

    What: a PDF table whose ruled cells overlap, leave a quarter of the grid
    uncovered, or whose continuation on the next page merges cells across the
    repeated header; named by table and page. Columns of amounts printed without
    any rules (read as text, not as a table) are reported too, named by page.
    Why: rows and columns may be shifted there, so totals computed over that
    table may compare the wrong cells; an unruled table is not checked at all.
    Failing example: two ruled boxes overlap on page 5 → EXT003
    "表格网格无法还原（第5页 表3）：重叠的单元格（第4行第2列）".
    """

    code = "EXT003"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding]:
        return problem_findings(self, doc, "grid", "表格网格无法还原")
