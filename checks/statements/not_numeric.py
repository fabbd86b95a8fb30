"""SCH001 — 报表金额单元格不是数字"""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.statements.schema import NUMERIC
from checks.statements._schema import report


@register
class NotNumeric(Check):
    """报表金额单元格不是数字

    What: the pandera schema of the statement's kind (auditor.statements.schema),
    validated lazily over the whole statement, rejects this cell; the finding
    names it and the run goes on (relations that need the cell are not evaluated).
    Why: a cell the checks cannot read is a cell nobody verified.
    Failing example: 金额栏 "12,3O4.00"（字母O）或 "见说明" → SCH001 warning naming the cell.
    """

    code = "SCH001"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        return report(self, doc, NUMERIC, "：「{column}」列的金额单元格「{text}」不是数字，无法参与核对")
