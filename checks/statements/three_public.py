"""STM007 — the 三公 table adds up, for 预算数 and 决算数 separately."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from auditor.model import Figure
from auditor.registry import register
from auditor.statements import Book, Statement
from checks.statements._ledger import Relation, StatementCheck, equal

ITEMS = (  # order matters: 小计 before 购置/运行 (its header names both)
    ("合计", re.compile(r"合计$")),
    ("小计", re.compile(r"小计$|购置及运行")),
    ("出国", re.compile(r"出国")),
    ("购置", re.compile(r"购置")),
    ("运行", re.compile(r"用车运行|运行维护")),  # not 机关运行经费
    ("接待", re.compile(r"接待")),
)
GROUP = re.compile(r"预算|决算")


def three_public_items(statement: Statement) -> dict[str, dict[str, Figure]]:
    """{"预算数": {"合计": fig, "出国": fig, …}, "决算数": {…}} from headers and row labels.

    The group is the outer header naming 预算/决算 ("预算数", "上年决算数"); a column
    whose header names none belongs to the group of the column before it (the group
    heading spans the block), else the row label names it (rows 预算数 | 决算数)."""
    groups: dict[str, dict[str, Figure]] = {}
    for line in statement.lines:
        group = ""
        for key, figure in line.amounts.items():
            parts = re.sub(r"#\d+$", "", key).split("/")
            if len(parts) > 1 and GROUP.search(parts[0]):
                group = parts[0]
            elif not group and GROUP.search(line.label):
                group = line.label
            header = parts[-1]  # the innermost header names the item
            if "机关运行" in header:
                continue
            item = next((n for n, p in ITEMS if p.search(header)), None) or \
                next((n for n, p in ITEMS if p.search(line.label)), None)
            if item is None or figure is None:
                continue
            groups.setdefault(group or "决算数", {}).setdefault(item, figure)
    return groups


def final_items(statement: Statement) -> dict[str, Figure]:
    """The 本年决算数 group (not 上年, not 预算)."""
    groups = three_public_items(statement)
    finals = [g for g in groups if "决算" in g and "上年" not in g]
    return groups[finals[0]] if finals else {}


@register
class ThreePublic(StatementCheck):
    """“三公”经费表的合计不等于各项之和，或公务用车小计不等于购置费与运行维护费之和。

    What: for the 预算数 and the 决算数 of the 财政拨款“三公”经费支出表: 合计 = 因公出国(境)费
    + 公务用车购置及运行维护费(小计) + 公务接待费, and 小计 = 公务用车购置费 + 公务用车运行维护费.
    Why: the 三公 totals are quoted in the 情况说明 and compared year on year.
    Failing example (单位：元)::

        预算数: 合计 121,200.00 | 出国 — | 小计 120,000.00 | 购置 — | 运行 120,000.00 | 接待 2,100.00
        → STM007 error: 合计 121,200.00 ≠ 出国 + 小计 + 接待 122,100.00
    """

    code = "STM007"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        for statement in statements.of("three_public"):
            for group, items in three_public_items(statement).items():
                yield from _sums(cls.code, statement, group, items)


def _sums(code: str, statement: Statement, group: str, items: dict[str, Figure]) -> Iterator[Relation | None]:
    def relation(total: str, names: list[str]):
        stated = items.get(total)
        present = [n for n in names if n in items]
        if stated is None or not present:
            return None
        same_row = all(items[n].location.row == stated.location.row for n in present)
        return equal(code, stated, [(1, items[n]) for n in present], f"{group}「{total}」",
                     " + ".join(present) + " 之和",
                     ("sum-of-columns" if same_row else "sum-of-rows", stated.location), statement.where + "：")

    if "小计" in items:
        yield relation("合计", ["出国", "小计", "接待"])
        yield relation("小计", ["购置", "运行"])
    else:
        yield relation("合计", ["出国", "购置", "运行", "接待"])
