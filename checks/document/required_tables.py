"""DOC001 — every standard table of a 部门决算/预算 disclosure is present, once."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from auditor.findings import Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.statements import book
from auditor.statements.recognise import (BASIC_DETAIL, EXPENSE, FISCAL_SUMMARY, GENERAL_EXPENSE, GOV_FUND,
                                          INCOME, STATE_CAPITAL, SUMMARY, THREE_PUBLIC)
from checks.document._cover import disclosure
from checks.document._tables import none_statement, toc_entries

CORE = (SUMMARY, INCOME, EXPENSE, FISCAL_SUMMARY, GENERAL_EXPENSE, BASIC_DETAIL, THREE_PUBLIC, GOV_FUND)
REQUIRED = {"final": CORE + (STATE_CAPITAL,), "budget": CORE}
KIND_ZH = {"final": "部门决算", "budget": "部门预算"}


@register
class RequiredTables(Check):
    """缺少规定的公开表：部门决算/预算公开缺少某张标准表，或目录列出而正文没有。

    What: for a document whose cover names a 部门决算 (or 部门预算), each standard
    table (DOMAIN §1.1: 收支总表, 收入表, 支出表, 财政拨款收支总表, 一般公共预算支出表,
    基本支出表, 三公经费表, 政府性基金表, and for 决算 the 国有资本经营表) must be
    present, recognised by its title. A missing table is an error — unless the text
    states why (本单位无政府性基金收支…), then nothing is reported; if the 目录 lists
    it, the finding points at that line. A table present twice is a warning. A
    document with no standard table at all gets one warning (the tables may be
    published as a separate file).
    Why: 财预〔2016〕143号 requires every table, empty ones with a statement; a
    missing table is the first thing an inspection notices.
    Failing example: a 2022年度部门决算公开 whose 目录 lists "七、财政拨款“三公”经费支出决算表…18"
    but whose body has no such table → DOC001 error 缺少财政拨款“三公”经费支出决算表（目录中列有此表：…）.
    """

    code = "DOC001"

    def run(self, doc: Document) -> Iterable[Finding]:
        info = disclosure(doc)
        required = REQUIRED.get(info.kind)
        if required is None or info.source is None:
            return
        statements = book(doc).statements
        if not statements:
            yield self.finding(f"文件封面为{info.year}年度{KIND_ZH[info.kind]}，但未找到任何标准公开表（可能另行发布）",
                               severity=Severity.WARNING, location=info.source.location,
                               relation=("required-tables", "none"))
            return
        present = Counter(s.kind.key for s in statements)
        for kind in required:
            if present[kind.key] == 0 and none_statement(doc, kind.key) is None:
                listed = toc_entries(doc).get(kind.key)
                where = listed or info.source.location
                note = f"（目录中列有此表：{listed.describe()}）" if listed else ""
                yield self.finding(f"缺少{kind.name}{note}", location=where, relation=("required-table", kind.key))
            elif present[kind.key] > 1:
                tables = [s.table for s in statements if s.kind.key == kind.key]
                yield self.finding(f"{kind.name}出现{present[kind.key]}次：" +
                                   "、".join(t.location().describe() for t in tables),
                                   severity=Severity.WARNING, location=tables[1].location(),
                                   relation=("required-table", kind.key))
