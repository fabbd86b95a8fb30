"""STM001 — the 收支总表 (收入支出决算总表, 财政拨款收入支出决算总表) add up and balance."""

from __future__ import annotations

from typing import Iterable, Iterator

from auditor.registry import register
from auditor.statements import Book, Line, Side, Statement
from checks.statements._ledger import Relation, StatementCheck, equal, sum_of_rows
from checks.statements._pick import BALANCE, GRAND_TOTAL, YEAR_TOTAL, fund_of, key_of, total_key


@register
class SummaryTotals(StatementCheck):
    """收支总表的本年合计、总计不等于其各项之和，或收支两侧总计不平衡。

    What: on each side (收入 | 支出) of the 收入支出决算总表 and the 财政拨款收入支出决算总表
    (and their 预算 counterparts): 本年收入合计 = Σ income items, 本年支出合计 = Σ
    functional classes (in every amount column), 总计 = 本年合计 + the rows between
    them (使用非财政拨款结余, 年初结转和结余 / 结余分配, 年末结转和结余; a 结转 row split
    by fund is its own sum), and 收入总计 = 支出总计. In the 财政拨款 总表, each fund
    balances: 本年收入 + 年初结转 = 本年支出 + 年末结转.
    Why: these are the headline figures every other table and the 情况说明 quote.
    Failing example (单位：元)::

        一、一般公共预算财政拨款收入 | 100.00 | 一、教育支出 | 90.00
        五、事业收入                | 10.00  | 本年支出合计 | 90.00
        本年收入合计                | 111.00 | 年末结转和结余 | 20.00
        总计                       | 111.00 | 总计 | 110.00
        → STM001 error: 本年收入合计 111.00 ≠ 各收入项目之和 110.00；收入总计 ≠ 支出总计
    """

    code = "STM001"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        for statement in statements.of("summary", "fiscal_summary"):
            grands = []
            for side in statement.sides:
                grand = yield from _side(cls.code, statement, side)
                if grand is not None:
                    grands.append((side, grand))
            if len(grands) == 2:
                (left, a), (right, b) = grands
                ka, kb = total_key(left.keys) or left.keys[0], total_key(right.keys) or right.keys[0]
                if ka in a.amounts and kb in b.amounts:
                    yield equal(cls.code, b.amounts[kb], [(1, a.amounts[ka])], f"支出「{b.name}」",
                                f"收入「{a.name}」", ("balance", b.amounts[kb] and b.amounts[kb].location),
                                statement.where + "：", same=True)
            if statement.kind.key == "fiscal_summary" and len(statement.sides) == 2:
                yield from _fund_balance(cls.code, statement)


def _split(side: Side) -> tuple[list[Line], Line | None, list[Line], Line | None]:
    """(items, 本年合计 line, lines between it and 总计, 总计 line)."""
    lines = [l for l in side.lines if l.label]
    year = next((i for i, l in enumerate(lines) if YEAR_TOTAL.search(l.label)), None)
    grand = next((i for i, l in enumerate(lines) if GRAND_TOTAL.search(l.label) and (year is None or i > year)), None)
    end = year if year is not None else grand if grand is not None else len(lines)
    items = [l for l in lines[:end] if not l.name.startswith("其中")]
    between = lines[year + 1: grand if grand is not None else len(lines)] if year is not None else []
    return items, (lines[year] if year is not None else None), between, (lines[grand] if grand is not None else None)


def _side(code: str, statement: Statement, side: Side) -> Iterator[Relation | None]:
    items, year, between, grand = _split(side)
    if year is not None and items:
        yield from sum_of_rows(code, statement, year, items, side.keys, "各项目之和")
    # A 结转 row followed by rows naming the funds is split by fund: it is their sum,
    # and only it counts towards 总计.
    tops: list[Line] = []
    i = 0
    while i < len(between):
        line = between[i]
        children = []
        j = i + 1
        while BALANCE.search(line.label) and j < len(between) and fund_of(between[j].label) \
                and not BALANCE.search(between[j].label):
            children.append(between[j])
            j += 1
        if children:
            yield from sum_of_rows(code, statement, line, children, side.keys, "分资金来源之和")
        tops.append(line)
        i = j
    if grand is not None:
        base = [year] if year is not None else items
        name = f"「{year.name}」与其后各行之和" if year is not None else "各项目之和"
        yield from sum_of_rows(code, statement, grand, base + tops, side.keys, name)
    return grand


def _fund_balance(code: str, statement: Statement) -> Iterator[Relation | None]:
    """本年收入_f + 年初结转_f = 本年支出_f + 年末结转_f for each fund of the 财政拨款 总表."""
    income, expense = statement.sides
    items, _, between, _ = _split(income)
    _, spent, after, _ = _split(expense)
    if spent is None:
        return
    closing = next((l for l in after if BALANCE.search(l.label)), None)
    for item in items:
        fund = fund_of(item.label)
        key = key_of(expense.keys, fund) if fund else None
        if key is None or key not in spent.amounts:
            continue
        opening = next((l for l in between if fund_of(l.label) == fund and not BALANCE.search(l.label)), None)
        parts = [(1, item.amounts.get(income.keys[0]))]
        if opening is not None:
            parts.append((1, opening.amounts.get(income.keys[0])))
        if closing is not None and key in closing.amounts:
            parts.append((-1, closing.amounts[key]))
        stated = spent.amounts[key]
        yield equal(code, stated, parts, f"「{spent.name}」{key}",
                    f"{fund}本年收入 + 年初结转结余 − 年末结转结余",
                    ("fund-balance", stated and stated.location), statement.where + "：")
