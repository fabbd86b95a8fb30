"""NAR007 — the same quantity stated twice (prose and prose, prose and table) agrees."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from auditor.claims import Token, claims
from auditor.claims.labels import YEAR, key
from auditor.findings import Checked, Finding
from auditor.model import Document, Figure, Severity, Table
from auditor.numbers import is_empty, parse_cell
from auditor.registry import Check, register
from auditor.rounding import Outcome, compare, quantity
from auditor.tables import PERCENT_LABEL, label_left_of, last_label, layout, table_figures
from checks.narrative._common import named, printed

# Quantities a disclosure states in several places (DOMAIN §3: 情况说明 ↔ tables ↔ 绩效报告);
# a name ending with one of them (财政拨款基本支出, 部门项目支出) is one too.
QUANTITY = re.compile(
    r"(基本支出|项目支出|人员经费|公用经费|收入合计|支出合计|收支总计|财政拨款收入|财政拨款支出"
    r"|三公经费.*|因公出国\(境\)费|公务用车购置费|公务用车运行维护费|公务用车购置费?及运行维护费|公务接待费"
    r"|政府采购.*总额|机关运行经费|编制|实有人数|实有人员|车辆)$")
# Totals of a table whose title names a fund (财政拨款…总表) are that fund's totals.
GENERIC_TOTAL = re.compile(r"^(?:本年)?(?:收入|支出|收支)?(?:总计|合计)$")
SCOPED_TABLE = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本")
# 收入总计 = 支出总计 (the statement balances): one quantity for this check.
BALANCE = re.compile(r"(?:收入|支出)总计$")

ROW_LEAD = re.compile(r"^(?:\d{3,7}\s*)?(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|其中[:：]?)*")
TOTAL_COLUMN = re.compile(r"合计|总计|小计|决算数?|预算数|年初预算|全年预算|金额|执行数")
SPACE = re.compile(r"\s+")
BUDGET_COLUMN = re.compile(r"预算数|年初预算|全年预算|调整后预算")


def _name(text: str) -> str:
    # 日常公用经费 is the 预算 name of the 决算's 公用经费
    return BALANCE.sub("收支总计", key(text)).replace("日常公用经费", "公用经费")


def _statements(doc: Document, rows: set[str]) -> list[tuple[tuple, Token]]:
    """Prose amounts naming a known quantity, or a 支出 class that a table has as a row."""
    found = claims(doc)
    out = []
    for token in found.tokens:
        if token.is_percent or token.aside or token.kind is None or token.role not in ("actual", "budget"):
            continue
        name = _name(token.subject)
        if len(name) >= 4 and (QUANTITY.search(name) or name.endswith("支出") and name in rows):
            out.append(((name, token.role, token.year or found.year, token.kind), token))
    # the change of a quantity from the prior year, stated twice ("收入总计…减少450.26万元" and
    # "支出总计…减少450.26万元" of a balanced statement), is one figure too
    for change in found.changes:
        current = change.current
        if current is None or not change.strong or current.aside or change.direction == 0:
            continue  # (a change whose current figure was only the nearest one may be another's)
        name = _name(current.subject)
        if len(name) >= 4 and QUANTITY.search(name):
            for token in (change.amount, change.pct):
                if token is not None:
                    out.append(((name, current.role, current.year or found.year, token.unit, change.direction),
                                token))
    return out


def _column_headers(table: Table, columns: set[int]) -> dict[tuple[int, int], str]:
    """For each (row, col) of the columns: the column's header, or the nearest text above the
    cell when a header row sits inside the table (基础数据表: "经费控制情况 | 2020年决算数 | 2021年预算数")."""
    info = layout(table)
    headers = {}
    for col in sorted(columns):
        current = info.column_labels[col] if col < len(info.column_labels) else ""
        for row in range(info.header_rows, table.n_rows):
            cell = table.cell_at(row, col)
            headers[(row, col)] = current
            if cell is not None and cell.row == row and cell.col == col:
                text = SPACE.sub("", cell.text)
                if text and not is_empty(text) and parse_cell(text) is None:
                    current = text
    return headers


def _table_cells(doc: Document, year: int | None) -> dict[tuple, list[Figure]]:
    """Table amounts keyed like the prose: (row name, role, year, kind), total-like columns only."""
    index: dict[tuple, list[Figure]] = {}
    for table in doc.all_tables:
        unit = layout(table).unit
        figures = [f for f in table_figures(table) if f.unit in ("元", "万元", "亿元") or f.unit == "%" and unit is not None]
        headers = _column_headers(table, {f.location.col for f in figures}) if figures else {}
        for fig in figures:
            row, col = fig.location.row, fig.location.col
            column = headers.get((row, col), "")
            if not TOTAL_COLUMN.search(last_label(column) or column):
                continue
            if fig.unit not in ("元", "万元", "亿元"):
                # a header row inside the table ("2021年决算数") overrides the top header's unit
                if fig.unit != "%" or unit is None or PERCENT_LABEL.search(column):
                    continue
                fig = replace(fig, unit=unit)
            years = YEAR.findall(column)
            role = "budget" if BUDGET_COLUMN.search(column) else "actual"
            name = _name(ROW_LEAD.sub("", label_left_of(table, row, col)))
            if GENERIC_TOTAL.match(name) and SCOPED_TABLE.search(table.title):
                continue
            if name:
                index.setdefault((name, role, int(years[-1]) if years else year, "money"), []).append(fig)
    return index


def _agrees(token: Token, other: Figure) -> bool:
    """Equal as printed when printed alike; else equal within the rounding of both."""
    mine = token.figure
    if mine.unit == other.unit and mine.decimals == other.decimals:
        return mine.value == other.value
    return compare(mine, quantity(other)).outcome is not Outcome.MISMATCH


@register
class SameQuantity(Check):
    """同一数据前后不一致：同一项目同一年度的金额在文中两处或文表之间不同。

    What: a quantity the prose names — 基本支出, 项目支出, 本年收入合计, 支出总计,
    人员经费, 公用经费, “三公”经费 and its items, 政府采购总额, 机关运行经费, a
    支出 class, 编制/实有人数, 车辆 — with the same role (决算 or 预算) and year,
    stated in two places of the prose or in a table row of that name (total-like
    column of the same year and role; 元 and 万元 converted, rounding-aware),
    must have one value; so must its change from the prior year (amount and
    rate) stated twice. A statement agreeing with any other is consistent; one
    agreeing with none is reported with the places it contradicts.
    Why: the 情况说明, the 绩效自评报告 and the tables are read separately; the
    same basic expenditure printed as two different numbers makes one of them
    false.
    Failing example: 决算情况说明 "基本支出2144.35万元" vs 绩效自评报告 "2021年我局
    基本支出2160.26万元" and 基础数据表 "部门基本支出 | 2021年决算数 2160.26" →
    NAR007 error at the first statement.
    Error when a table row contradicts the prose; warning between prose statements.
    """

    code = "NAR007"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        cells = _table_cells(doc, claims(doc).year)
        statements = _statements(doc, {k[0] for k in cells})
        if not statements:
            return
        groups: dict[tuple, list[Token]] = {}
        for group_key, token in statements:
            groups.setdefault(group_key, []).append(token)
        for group_key, tokens in groups.items():
            table = cells.get(group_key, [])
            for token in tokens:
                yield from self._statement(token, [t for t in tokens if t is not token], table)

    def _statement(self, token: Token, others: list[Token], table: list[Figure]) -> Iterable[Finding | Checked]:
        if not others and not table:
            return
        for other in others:
            if _agrees(token, other.figure):
                yield Checked((printed(token), printed(other)))
                return
        for cell in table:
            if _agrees(token, cell):
                yield Checked((printed(token), cell))
                return
        against = [printed(t) for t in others[:2]] + table[:2]
        places = "；".join(f"{f.location.describe()} {f.text}{'' if f.text.endswith(f.unit or '') else f.unit}"
                          for f in against)
        yield self.finding(
            f"{named(token)}与其他处所列同一数据不一致：{places}",
            severity=Severity.ERROR if table else Severity.WARNING,
            figures=(printed(token), *against),
            stated=token.figure.value,
            relation=("same-quantity", frozenset([token.figure.location] + [t.figure.location for t in others])
                      if not table else token.figure.location),
            confidence="inferred")
