"""STM003 — 类 = Σ款, 款 = Σ项 and 合计 = Σ类 in every amount column."""

from __future__ import annotations

from typing import Iterable

from auditor.registry import register
from auditor.statements import Book, Line
from checks.statements._ledger import Relation, StatementCheck, sum_of_rows
from checks.statements._pick import total_line

LEVEL = {5: "款", 7: "项"}  # the level of the lines under a parent, by code width
CLASSIFIED = ("income", "expense", "general_expense", "gov_fund", "state_capital", "basic_detail")


@register
class Hierarchy(StatementCheck):
    """科目层级不平：类不等于其下各款之和，款不等于其下各项之和，或合计不等于各类之和。

    What: in every amount column of the classified statements (收入决算表, 支出决算表,
    一般公共预算支出表, 基本支出表, 政府性基金 and 国有资本经营 tables), a 类 row
    (3-digit code) equals the sum of its 款 rows (5 digits), a 款 row the sum of its
    项 rows (7 digits), and the 合计 row the sum of the 类 rows. Codes printed as
    "208 | 01 | 01" in three columns are read as 2080101.
    Why: a class that does not equal its items means an item or the class is wrong,
    and every later table compares classes.
    Failing example (单位：元)::

        208     社会保障和就业支出  | 300.00
        20801   人力资源和社会保障管理事务 | 290.00
        2080101 行政运行 | 200.00
        2080199 其他 | 90.00   → STM003 error: 208 300.00 ≠ 各款之和 290.00
    """

    code = "STM003"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        for statement in statements.of(*CLASSIFIED):
            coded = list(statement.by_code().values())  # one line per code
            keys = dict.fromkeys(k for side in statement.sides for k in side.keys)
            children = _children(coded)
            for parent in coded:
                below = children.get(parent.code)
                if below:
                    level = LEVEL.get(len(below[0].code), "下级科目")
                    yield from sum_of_rows(cls.code, statement, parent, below, keys, f"其下各{level}之和")
            top = total_line(statement)
            if top is not None and coded:
                width = min(len(l.code) for l in coded)
                yield from sum_of_rows(cls.code, statement, top, [l for l in coded if len(l.code) == width],
                                       keys, "各类科目之和")


def _children(coded: list[Line]) -> dict[str, list[Line]]:
    """code → the lines under it at the nearest longer code width that has any (款 under 类,
    项 under 款), in order; indexed by code prefix once rather than searched per parent."""
    widths = sorted({len(line.code) for line in coded})
    below: dict[tuple[str, int], list[Line]] = {}  # (prefix, width of the lines) → lines
    for line in coded:
        width = len(line.code)
        for shorter in widths:
            if shorter >= width:
                break
            below.setdefault((line.code[:shorter], width), []).append(line)
    out: dict[str, list[Line]] = {}
    for line in coded:
        for width in widths:
            if width > len(line.code) and (line.code, width) in below:
                out[line.code] = below[line.code, width]
                break
    return out
