"""STM008 — an economic-classification 三公 line cannot exceed the 三公 table's 决算数."""

from __future__ import annotations

from typing import Iterable

from auditor.model import Severity
from auditor.registry import register
from auditor.statements import Book
from checks.statements._ledger import Relation, StatementCheck, at_most
from checks.statements.three_public import final_items

# economic code → 三公 item it is part of
COUNTERPARTS = (("30212", "出国"), ("30217", "接待"), ("30231", "运行"), ("31013", "购置"))


@register
class ThreePublicEconomic(StatementCheck):
    """基本支出表中的三公经济科目（30212/30217/30231/31013）超过“三公”经费表的决算数。

    What: 30212 因公出国(境)费用 ≤ 三公 因公出国(境)费, 30217 公务接待费 ≤ 公务接待费,
    30231 公务用车运行维护费 ≤ 公务用车运行维护费, 31013 公务用车购置 ≤ 公务用车购置费
    (决算数). The 三公 table covers every 财政拨款 and both 基本 and 项目 spending, so
    these are bounds, not equalities.
    Why: an economic line above its 三公 counterpart means 三公 spending was left out
    of the 三公 table (or booked under the wrong code). Severity warning: the two
    tables may legitimately differ in scope in some provinces.
    Failing example (单位：元)::

        基本支出表 30217 公务接待费 | 83,100.00;  三公表 决算数 公务接待费 | 3,000.00
        → STM008 warning: 83,100.00 超过 3,000.00
    """

    code = "STM008"
    severity = Severity.WARNING

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        three, detail = statements.first("three_public"), statements.first("basic_detail")
        if three is None or detail is None:
            return
        final = final_items(three)
        lines = detail.by_code()
        for code, item in COUNTERPARTS:
            line, whole = lines.get(code), final.get(item)
            if line is None or whole is None:
                continue
            part = next(iter(line.amounts.values()), None)  # the first column: all 一般公共预算 spending
            yield at_most(cls.code, whole, [part], f"{three.where}决算数「{item}」",
                          f"{detail.where}「{line.title}」", ("bound", part and part.location),
                          detail.where + "：")
