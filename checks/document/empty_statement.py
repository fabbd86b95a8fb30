"""DOC002 — a statement that there was no such income/expenditure matches an empty table."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.numbers import format_amount
from auditor.registry import Check, register
from auditor.statements import book
from auditor.statements.recognise import declared_empty
from checks.document._tables import SUBJECT, none_statement


@register
class EmptyTableStatement(Check):
    """空表说明与表中数字矛盾：写明“无此项收支/本表无数据”，表中却有金额。

    What: a table carrying "本表无数据"/"空表" (above, inside or just below it), or
    a sentence stating the department had no 政府性基金 / 国有资本经营 / 三公
    expenditure, must go with a table whose amounts are all blank or zero.
    (An empty table without such a statement is reported by STM090.)
    Why: the statement and the table are read by different people; when they
    disagree, one of them misinforms the public.
    Failing example: "说明：本表无数据" under a 政府性基金预算财政拨款收入支出决算表
    whose 本年支出 is 10,000.00 → DOC002 error.
    """

    code = "DOC002"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for statement in book(doc).statements:
            said_here = declared_empty(doc, statement.table)
            said_in_text = none_statement(doc, statement.kind.key) if statement.kind.key in SUBJECT else None
            if not (said_here or said_in_text):
                continue
            nonzero = [f for f in statement.figures() if f.value != 0]
            if not nonzero:
                yield Checked(tuple(statement.figures()))
                continue
            where = said_in_text if said_in_text is not None and not said_here else statement.table.location()
            claim = "“本表无数据”" if said_here else "文中写明无此项收支"
            total = sum(f.value for f in nonzero)
            yield self.finding(
                f"{statement.where}{claim}，但表中有 {len(nonzero)} 个非零金额（合计 {format_amount(total)}）",
                figures=tuple(nonzero[:10]), location=where, relation=("empty-statement", statement.kind.key),
            )
