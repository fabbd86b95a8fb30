"""SCH003 — 报表金额为负数"""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.statements.schema import NON_NEGATIVE
from checks.statements._schema import report


@register
class NegativeAmount(Check):
    """报表金额为负数

    What: the pandera schema of the statement's kind (auditor.statements.schema),
    validated lazily over the whole statement, rejects this cell; the finding
    names it and the run goes on (relations that need the cell are not evaluated).
    Why: a cell the checks cannot read is a cell nobody verified.
    Failing example: 基本支出 "-1,200.00" → SCH003 warning; 年末结转和结余 may be negative and is not flagged.
    """

    code = "SCH003"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        return report(self, doc, NON_NEGATIVE, "：「{column}」列出现负数「{text}」，该栏目不应为负")
