"""STM004 — 人员经费合计 and 公用经费合计 of the 基本支出 (经济分类) table."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.registry import register
from auditor.statements import Book, Statement
from checks.statements._ledger import Relation, StatementCheck, evaluate, sum_of_rows
from checks.statements._pick import class_lines, named

PERSONNEL, PUBLIC = "人员经费", "公用经费"
STANDARD_PERSONNEL = ("301", "303")  # 工资福利支出, 对个人和家庭的补助: the usual 人员经费 classes


@register
class BasicTotals(StatementCheck):
    """基本支出表的人员经费合计或公用经费合计不等于其所属经济分类类级之和。

    What: in the 一般公共预算财政拨款基本支出(明细)表, 人员经费合计 equals the sum of the
    人员经费 classes and 公用经费合计 the sum of the 公用经费 classes, in each amount
    column. Which classes are which is read from the block headings (人员经费 | 公用经费
    blocks side by side); when the table has no such headings, the usual split is
    used (301 工资福利支出 + 303 对个人和家庭的补助 = 人员经费, the other classes 公用经费).
    Why: 人员经费 and 公用经费 are quoted in the 情况说明 and 公用经费 bounds the
    机关运行经费; a wrong subtotal misstates both.
    Failing example (单位：元)::

        301 工资福利支出 | 100.00 | 302 商品和服务支出 | 50.00
        303 对个人和家庭的补助 | 20.00 | 310 资本性支出 | 5.00
        人员经费合计 | 121.00 | 公用经费合计 | 55.00
        → STM004 error: 人员经费合计 121.00 ≠ 人员经费各类之和 120.00
    """

    code = "STM004"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        for statement in statements.of("basic_detail"):
            for group in (PERSONNEL, PUBLIC):
                total = named([l for l in statement.lines if not l.code], f"{group}合计")
                if total is None:
                    continue
                readings = [r for r in (_by_heading(statement, group), _standard(statement, group)) if r]
                chosen = None
                for classes in readings:
                    rels = list(sum_of_rows(cls.code, statement, total, classes, total.amounts,
                                            f"{group}各类科目之和"))
                    chosen = chosen or rels
                    if all(not r.bound and evaluate(r).holds for r in rels):
                        chosen = rels
                        break
                yield from chosen or ()


def _by_heading(statement: Statement, group: str) -> list:
    """Classes under the blocks headed 人员经费/公用经费 (a block without a heading continues the previous)."""
    heading, groups = "", {}
    for side in statement.sides:
        if re.search(f"{PERSONNEL}|{PUBLIC}", side.heading):
            heading = PERSONNEL if PERSONNEL in side.heading else PUBLIC
        groups[side.index] = heading
    if not any(groups.values()):
        return []
    return [l for l in class_lines(statement) if groups[l.side] == group]


def _standard(statement: Statement, group: str) -> list:
    return [l for l in class_lines(statement) if (l.code in STANDARD_PERSONNEL) == (group == PERSONNEL)]
