"""EXT004 — an Excel formula whose cached value is missing or stale."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.extraction._problems import problem_findings


@register
class FormulaCache(Check):
    """Excel 公式缓存值缺失或过期：显示的数字不是公式的结果。

    What: a formula cell of an .xlsx whose cached value is absent (the file was
    saved by a tool that does not calculate) or differs from recomputing a
    simple formula (SUM of ranges, + and − of cells) from the cached values.
    Why: readers and printouts show the cached value; a missing one shows
    nothing, a stale one shows a number the formula no longer gives.
    Failing example: C9 "=SUM(C3:C8)" caches 1,200 while C3:C8 sum to 1,250 →
    EXT004 "公式缓存值缺失或过期（表2 第7行 第3列）：工作表「收入决算表」C9 =SUM(C3:C8)：
    缓存值 1200 与按公式重算的 1250 不符（缓存过期）".
    """

    code = "EXT004"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding]:
        return problem_findings(self, doc, "cache", "公式缓存值缺失或过期")
