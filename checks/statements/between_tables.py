"""STM005 — the same figure agrees between statements (总表 ↔ 收入/支出表 ↔ 财政拨款表 ↔ 基本支出表)."""

from __future__ import annotations

from typing import Iterable, Iterator

from auditor.model import Figure
from auditor.registry import register
from auditor.statements import Book, Line, Statement, plain
from checks.statements._ledger import Relation, StatementCheck, equal
from checks.statements._pick import (
    YEAR_TOTAL, class_lines, final_keys, fund_of, key_of, named, total_key, total_line,
)


@register
class BetweenTables(StatementCheck):
    """同一数字在不同报表间不一致（总表、收入/支出决算表、财政拨款表、一般公共预算表、基本支出表）。

    What: 收入支出决算总表 本年收入合计 and each income item = 收入决算表 合计 row
    (财政拨款收入 = the three 财政拨款 items); 本年支出合计 and each functional class =
    支出决算表 合计 row and 类 rows; 财政拨款收入支出决算总表 fund incomes = the
    总表's; its 一般公共预算 column (本年支出合计 and each class) = 一般公共预算财政拨款
    支出决算表; its 政府性基金 / 国有资本经营 columns = those tables' 本年支出;
    一般公共预算支出表 合计 (基本支出, and 合计 when the detail table also shows all
    spending) = 人员经费合计 + 公用经费合计 of the 基本支出 table.
    Why: the tables are cuts of the same accounts; a figure that differs between
    them is a copying error in one of them.
    Failing example (单位：元)::

        收入支出决算总表: 五、教育支出 | 26,132,420.39
        支出决算表: 205 教育支出 本年支出合计 | 26,132,402.39
        → STM005 error: 支出决算表 205 教育支出 26,132,402.39 ≠ 总表 26,132,420.39
    """

    code = "STM005"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        summary = statements.first("summary")
        fiscal = statements.first("fiscal_summary")
        general = statements.first("general_expense")
        if summary is not None and len(summary.sides) == 2:
            income, expense = summary.sides
            if (stmt := statements.first("income")) is not None:
                yield from _income_vs_summary(cls.code, stmt, summary)
            if (stmt := statements.first("expense")) is not None:
                yield from _classes(cls.code, stmt, total_key(stmt.sides[0].keys), summary, expense,
                                    expense.keys[0])
        if fiscal is not None and len(fiscal.sides) == 2:
            f_income, f_expense = fiscal.sides
            if summary is not None and len(summary.sides) == 2:
                for item in _items(f_income):
                    other = next((l for l in _items(summary.sides[0]) if fund_of(l.label) == fund_of(item.label)
                                  and fund_of(item.label)), None)
                    if other is not None:
                        yield _match(cls.code, fiscal, item, f_income.keys[0], summary, other, summary.sides[0].keys[0])
            for fund, kind in (("一般公共预算", "general_expense"), ("政府性基金", "gov_fund"),
                               ("国有资本经营", "state_capital")):
                key = key_of(f_expense.keys, fund)
                stmt = statements.first(kind)
                if key is None or stmt is None:
                    continue
                yield from _classes(cls.code, stmt, _spending_key(stmt), fiscal, f_expense, key)
        detail = statements.first("basic_detail")
        if general is not None and detail is not None:
            yield from _basic_vs_detail(cls.code, general, detail)


def _items(side) -> list[Line]:
    """Lines above the 本年合计 line: the income items or the functional classes."""
    out = []
    for line in side.lines:
        if YEAR_TOTAL.search(line.label):
            break
        out.append(line)
    return out


def _year(side) -> Line | None:
    return named(side.lines, YEAR_TOTAL)


def _spending_key(statement: Statement) -> str | None:
    keys = final_keys(statement.sides[0].keys)
    return key_of(keys, r"(?:合计|小计)$") if len(keys) > 1 else keys[0]


def _match(code: str, a_stmt: Statement, a: Line, a_key: str, b_stmt: Statement, b: Line, b_key: str,
           extra: list[Figure] | None = None) -> Relation | None:
    """a[a_key] (in one table) = b[b_key] (+ extra figures) in another."""
    stated = a.amounts.get(a_key)
    parts = [(1, b.amounts.get(b_key))] + [(1, f) for f in extra or ()]
    return equal(code, stated, parts, f"{a_stmt.where}「{a.title}」{a_key}", f"{b_stmt.where}「{b.title}」{b_key}",
                 ("match", stated and stated.location, tuple(f.location for _, f in parts if f is not None)),
                 same=not extra)


def _income_vs_summary(code: str, income: Statement, summary: Statement) -> Iterator[Relation | None]:
    """收入决算表 合计 row = 总表 income side, column by column."""
    top = total_line(income)
    side = summary.sides[0]
    key = side.keys[0]
    items = _items(side)
    year = _year(side)
    if top is None:
        return
    for column in income.sides[0].keys:
        name = plain(column.rsplit("/", 1)[-1])
        if YEAR_TOTAL.search(name) and year is not None:
            yield _match(code, income, top, column, summary, year, key)
            continue
        same = [l for l in items if l.label == name or l.label == name + "收入" or l.label + "收入" == name]
        if not same and "财政拨款" in name:
            same = [l for l in items if "财政拨款" in l.label]
        if same:
            yield _match(code, income, top, column, summary, same[0], key,
                         [l.amounts.get(key) for l in same[1:]])


def _classes(code: str, table: Statement, key: str | None, summary: Statement, side, summary_key: str
             ) -> Iterator[Relation | None]:
    """A classified table's 合计 and 类 rows = the summary side's 本年支出合计 and class lines."""
    if key is None:
        return
    top, year = total_line(table), _year(side)
    if top is not None and year is not None:
        yield _match(code, table, top, key, summary, year, summary_key)
    by_name = {l.label: l for l in _items(side)}
    for line in class_lines(table):
        other = by_name.get(plain(line.name))
        if other is not None:
            yield _match(code, table, line, key, summary, other, summary_key)


def _basic_vs_detail(code: str, general: Statement, detail: Statement) -> Iterator[Relation | None]:
    """一般公共预算支出表 合计 = 人员经费合计 + 公用经费合计 of the 基本支出 table, per column."""
    top = total_line(general)
    if top is None:
        return
    uncoded = [l for l in detail.lines if not l.code]
    totals = [t for t in (named(uncoded, "人员经费合计"), named(uncoded, "公用经费合计")) if t is not None]
    if not totals:
        totals = [t for t in (total_line(detail),) if t is not None]
    if not totals:
        return
    keys = [k for k in totals[0].amounts if all(k in t.amounts for t in totals)]
    basic = key_of(final_keys(general.sides[0].keys), r"基本")
    detail_basic = next((k for k in keys if "基本" in k), None)
    if detail_basic is not None:  # 金额 (all 一般公共预算 spending) and 其中：基本支出
        others = [k for k in keys if k != detail_basic]
        pairs = [(detail_basic, basic)] + ([(others[0], _spending_key(general))] if others else [])
    else:  # a 基本支出 table: its total is the 基本支出 of the 一般公共预算 table
        pairs = [(total_key(keys) or keys[0], basic)] if keys else []
    for key, target in pairs:
        if target is None or target not in top.amounts:
            continue
        stated = top.amounts[target]
        parts = [(1, t.amounts[key]) for t in totals]
        yield equal(code, stated, parts, f"{general.where}「{top.name}」{target}",
                    f"{detail.where}{' + '.join(t.name for t in totals)}「{key}」",
                    ("match", stated and stated.location, tuple(f.location for _, f in parts if f is not None)))
