"""STM090 — statement tables or amounts the statement checks could not verify (coverage gaps)."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.statements.recognise import declared_empty
from checks.statements._ledger import ledger

SHOWN = 3  # cells named in the message


@register
class CoverageGap(Check):
    """报表已识别但未能核对：表格无法解析，或部分金额未参与任何勾稽核对。

    What: a table titled like a standard statement whose columns could not be
    mapped (no amount columns, no lines) is reported with its title; in a
    recognised statement, printed amounts that take part in no statement relation
    are listed (the first few cells and their count); a statement without any
    figure and without a "本表无数据/空表" note is reported too.
    Why: no false comfort: a table the checks could not read is not a table that
    reconciles. Severity info: nothing is known to be wrong.
    Example: 相关信息统计表 「单价100万元以上设备」78 is a count that no identity
    involves → STM090 info naming that cell.
    """

    code = "STM090"
    severity = Severity.INFO

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        books = ledger(doc)
        for table, title in books.book.gaps:
            yield self.finding(f"表格「{title}」看似标准报表，但未能识别其列结构，未做任何勾稽核对",
                               location=table.location(), relation=("coverage", table.index))
        for statement in books.book.statements:
            if statement.is_empty() and not declared_empty(doc, statement.table):
                yield self.finding(f"{statement.where}没有任何数据，也未说明“本表无数据”（无数据的表应列示空表并说明）",
                                   location=statement.table.location(), relation=("empty", statement.table.index))
            missed = [f for f in statement.figures() if f.location not in books.touching]
            if not missed:
                continue
            cells = "；".join(f"{f.location.describe()} {f.text}" for f in missed[:SHOWN])
            more = f" 等{len(missed)}个" if len(missed) > SHOWN else ""
            yield self.finding(
                f"{statement.where}有金额未参与任何表内或表间核对：{cells}{more}",
                location=missed[0].location, relation=("coverage", statement.table.index),
            )
