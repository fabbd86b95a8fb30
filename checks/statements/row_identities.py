"""STM002 — each row of a statement adds across its columns."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.registry import register
from auditor.statements import Book
from checks.statements._ledger import Relation, StatementCheck, equal
from checks.statements._pick import COMPONENT, is_total, key_of, total_key

REPEAT = re.compile(r"#\d+$")  # the suffix telling apart columns with the same header
ROW_KINDS = ("income", "expense", "general_expense", "gov_fund", "state_capital", "basic_detail", "fiscal_summary")


@register
class RowIdentities(StatementCheck):
    """报表某行的合计列不等于各组成列之和（或基金结转不平衡）。

    What: in every line of the classified statements the total column equals its
    component columns: 收入决算表 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 +
    经营收入 + 附属单位上缴收入 + 其他收入; 支出决算表 本年支出合计 = 基本 + 项目 + 上缴上级
    + 经营 + 对附属单位补助; 一般公共预算支出表 合计 = 基本支出 + 项目支出; 财政拨款总表
    (支出侧) 合计 = 一般公共预算 + 政府性基金 + 国有资本经营. Columns headed 其中 and
    columns that are not components (年初预算, 结转) are left out. In the 政府性基金 /
    国有资本经营 tables, 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余.
    Why: a row that does not add across means one of its cells is wrong.
    Failing example (单位：元)::

        科目 | 本年支出合计 | 基本支出 | 项目支出
        205 教育支出 | 1,000.00 | 600.00 | 300.00   → STM002 error: 1,000.00 ≠ 900.00
    """

    code = "STM002"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        for statement in statements.of(*ROW_KINDS):
            context = statement.where + "："
            for side in statement.sides:
                keys = side.keys
                # each total column sums the component columns after it, up to the next total column
                groups = []
                for i, head in enumerate(keys):
                    if len(keys) > 1 and is_total(head):
                        span = []
                        for k in keys[i + 1:]:
                            if is_total(k):
                                break
                            span.append(k)
                        parts = [k for k in span if COMPONENT.search(k) and "其中" not in k]
                        if len(parts) >= 2:
                            names = " + ".join(REPEAT.sub("", k).rsplit("/", 1)[-1] for k in parts)
                            groups.append((head, parts, f"{names} 之和"))
                head = total_key(keys) if len(keys) > 1 else None
                opening, income = key_of(keys, r"年初"), key_of(keys, r"^本年收入")
                closing = key_of(keys, r"年末")
                for line in side.lines:
                    for total, parts, expected_label in groups:
                        if total not in line.amounts:
                            continue
                        stated = line.amounts[total]
                        yield equal(cls.code, stated, [(1, line.amounts.get(k)) for k in parts],
                                    f"「{line.title}」{total}", expected_label,
                                    ("sum-of-columns", stated and stated.location), context)
                    if opening and income and closing and head and closing in line.amounts:
                        stated = line.amounts[closing]
                        yield equal(cls.code, stated, [(1, line.amounts.get(opening)), (1, line.amounts.get(income)),
                                                       (-1, line.amounts.get(head))],
                                    f"「{line.title}」{closing}", f"{opening} + {income} − {head}",
                                    ("fund-row", stated and stated.location), context)
