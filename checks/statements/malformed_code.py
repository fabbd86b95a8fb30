"""SCH002 — 科目编码格式不正确"""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.statements.schema import CODE
from checks.statements._schema import report


@register
class MalformedCode(Check):
    """科目编码格式不正确

    What: the pandera schema of the statement's kind (auditor.statements.schema),
    validated lazily over the whole statement, rejects this cell; the finding
    names it and the run goes on (relations that need the cell are not evaluated).
    Why: a cell the checks cannot read is a cell nobody verified.
    Failing example: "2080l01"（字母l）或 "20801011"（8位）→ SCH002 warning naming the code cell.
    """

    code = "SCH002"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        return report(self, doc, CODE, "：科目编码「{text}」格式不正确（功能分类应为3/5/7位，经济分类应为3/5位且以3或5开头）")
