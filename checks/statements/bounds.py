"""STM006 — a part of the spending cannot exceed the whole: 一般公共预算 ≤ 全部资金, 财政拨款结转 ≤ 全部结转."""

from __future__ import annotations

from typing import Iterable

from auditor.registry import register
from auditor.statements import Book
from checks.statements._ledger import Relation, StatementCheck, at_most
from checks.statements._pick import BALANCE, final_keys, key_of, total_line

# 一般公共预算支出表 column → the 支出决算表 column covering it (all funding sources)
COLUMN_PAIRS = ((r"基本", r"基本"), (r"项目", r"项目"), (r"(?:合计|小计)$", r"(?:合计|小计)$"))


@register
class Bounds(StatementCheck):
    """一般公共预算财政拨款支出超过同一科目的全部支出，或财政拨款结转结余超过全部结转结余。

    What: for every code (and the 合计 row) and for 合计/基本支出/项目支出, the
    一般公共预算财政拨款支出决算表 amount is at most the 支出决算表 amount (which covers
    every funding source); the 财政拨款 总表's 年初/年末财政拨款结转和结余 are at most the
    收入支出决算总表's 年初/年末结转和结余; in any statement, a column headed 其中：… is at
    most the column it is part of.
    Why: a part larger than its whole means one of the two tables is wrong.
    Failing example (单位：元)::

        支出决算表 2080105 劳动保障监察 本年支出合计 | 101,084.30
        一般公共预算支出表 2080105 劳动保障监察 合计 | 110,084.30
        → STM006 error: 110,084.30 超过 101,084.30
    """

    code = "STM006"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        general, expense = statements.first("general_expense"), statements.first("expense")
        if general is not None and expense is not None:
            pairs = [(key_of(final_keys(general.sides[0].keys), a), key_of(final_keys(expense.sides[0].keys), b))
                     for a, b in COLUMN_PAIRS]
            pairs = [(gk, ek) for gk, ek in pairs if gk and ek]
            whole = expense.by_code()
            totals = (total_line(general), total_line(expense))
            context = general.where + "："
            for line in general.coded() + ([totals[0]] if all(totals) else []):
                other = whole.get(line.code) if line.code else totals[1]
                if other is None:
                    continue
                for gk, ek in pairs:
                    if gk in line.amounts and ek in other.amounts:
                        part, total = line.amounts[gk], other.amounts[ek]
                        yield at_most(cls.code, total, [part], f"{expense.where}「{other.title}」{ek}",
                                      f"{general.where}「{line.title}」{gk}", ("bound", part and part.location), context)
        for statement in statements.statements:
            yield from _of_which(cls.code, statement)
        fiscal, summary = statements.first("fiscal_summary"), statements.first("summary")
        if fiscal is not None and summary is not None:
            for word in ("年初", "年末"):
                mine = [(side, l) for side in fiscal.sides for l in side.lines
                        if word in l.label and BALANCE.search(l.label)]
                theirs = [(side, l) for side in summary.sides for l in side.lines
                          if word in l.label and BALANCE.search(l.label)]
                if not mine or not theirs:
                    continue
                (fs, fl), (ss, sl) = mine[0], theirs[0]
                fk = key_of(fs.keys, r"合计$") or fs.keys[0]
                part, total = fl.amounts.get(fk), sl.amounts.get(ss.keys[0])
                yield at_most(cls.code, total, [part], f"{summary.where}「{sl.name}」", f"{fiscal.where}「{fl.name}」",
                              ("bound", part and part.location), fiscal.where + "：")


def _of_which(code: str, statement) -> Iterable[Relation | None]:
    """A column headed 其中：X is at most the column it is part of (the nearest one before it)."""
    context = statement.where + "："
    for side in statement.sides:
        for i, key in enumerate(side.keys):
            whole = next((k for k in reversed(side.keys[:i]) if "其中" not in k), None) if "其中" in key else None
            if whole is None:
                continue
            for line in side.lines:
                if key in line.amounts and whole in line.amounts:
                    part = line.amounts[key]
                    yield at_most(code, line.amounts[whole], [part], f"「{line.title}」{whole}",
                                  f"「{line.title}」{key}", ("bound", part and part.location), context)
