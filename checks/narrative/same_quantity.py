"""NAR007 — the same quantity stated twice (prose and prose, prose and table) agrees."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterable

from auditor.claims import Token, claims
from auditor.claims.labels import YEAR, key
from auditor.findings import Checked, Finding
from auditor.model import Document, Figure, Severity, Table
from auditor.numbers import is_empty, parse_cell
from auditor.registry import Check, register
from auditor.rounding import Outcome, compare, total
from auditor.tables import PERCENT_LABEL, label_left_of, last_label, layout, row_label, table_figures
from checks.narrative._common import agrees, named, printed

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
TOTAL_COLUMN = re.compile(r"合计|总计|小计|决算数?|预算数|年初预算|全年预算|金额|执行数|统计数")
# "二、机关运行经费" over "(一)行政单位 | (二)参照公务员法管理事业单位": a section and its sub-rows
SECTION = re.compile(r"^[一二三四五六七八九十]+[、.．]")
SUB_ROW = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
BUDGET_COLUMN = re.compile(r"预算数|年初预算|全年预算|调整后预算")


@lru_cache(maxsize=8192)  # pure, like labels.key: asked for every prose amount and table row
def _name(text: str) -> str:
    # 日常公用经费 is the 预算 name of the 决算's 公用经费
    return BALANCE.sub("收支总计", key(text)).replace("日常公用经费", "公用经费")


@lru_cache(maxsize=8192)
def _prose_name(subject: str) -> tuple[str, bool]:
    """The name of a prose amount's subject, and whether it is a known quantity (asked per amount)."""
    name = _name(subject)
    return name, len(name) >= 4 and QUANTITY.search(name) is not None


def _statements(doc: Document, rows: set[str]) -> list[tuple[tuple, Token]]:
    """Prose amounts naming a known quantity, or a 支出 class that a table has as a row."""
    found = claims(doc)
    out = []
    for token in found.tokens:
        if token.is_percent or token.aside or token.kind is None or token.role not in ("actual", "budget"):
            continue
        name, known = _prose_name(token.subject)
        if known or len(name) >= 4 and name.endswith("支出") and name in rows:
            out.append(((name, token.role, token.year or found.year, token.kind), token))
    # the change of a quantity from the prior year, stated twice ("收入总计…减少450.26万元" and
    # "支出总计…减少450.26万元" of a balanced statement), is one figure too
    for change in found.changes:
        current = change.current
        if current is None or not change.strong or current.aside or change.direction == 0:
            continue  # (a change whose current figure was only the nearest one may be another's)
        name, known = _prose_name(current.subject)
        if known:
            for token in (change.amount, change.pct):
                if token is not None:
                    out.append(((name, current.role, current.year or found.year, token.unit, change.direction),
                                token))
    return out


def _column_headers(table: Table, figures: list[Figure]) -> list[str]:
    """For each figure (in order): the column's header, or the nearest text above its cell when a
    header row sits inside the table (基础数据表: "经费控制情况 | 2020年决算数 | 2021年预算数")."""
    info = layout(table)
    columns = {f.location.col for f in figures}
    texts: dict[int, tuple[list[int], list[str]]] = {}  # text cells below the header, by column, top-down
    for cell in table.cells:  # origin cells, row by row
        if cell.col in columns and cell.row >= info.header_rows:
            text = "".join(cell.text.split())  # (split drops what \s matches)
            if text and parse_cell(text) is None and not is_empty(text):  # (parse_cell is cached)
                rows, words = texts.setdefault(cell.col, ([], []))
                rows.append(cell.row)
                words.append(text)
    headers = []
    for fig in figures:
        col = fig.location.col
        rows, words = texts.get(col, ((), ()))
        above = bisect_left(rows, fig.location.row)
        headers.append(words[above - 1] if above else
                       info.column_labels[col] if col < len(info.column_labels) else "")
    return headers


def _table_cells(doc: Document, year: int | None) -> dict[tuple, list[tuple[Figure, ...]]]:
    """Table amounts keyed like the prose: (row name, role, year, kind), total-like columns only;
    each a cell, or the sub-rows of a section that has no amount of its own (their sum)."""
    index: dict[tuple, list[tuple[Figure, ...]]] = {}
    for table in doc.all_tables:
        unit = layout(table).unit
        figures = [f for f in table_figures(table) if f.unit in ("元", "万元", "亿元") or f.unit == "%" and unit is not None]
        if not figures:
            continue
        by_row: dict[int, list[tuple[tuple, Figure]]] = {}
        kinds: dict[str, tuple | None] = {}  # what a column header says, read once per header
        names: dict[str, str] = {}  # the quantity a row label names, read once per label
        scoped = SCOPED_TABLE.search(table.title)
        for fig, column in zip(figures, _column_headers(table, figures)):
            if column not in kinds:
                kinds[column] = _column_kind(column, year)
            where = kinds[column]
            if where is None:
                continue
            if fig.unit not in ("元", "万元", "亿元"):
                # a header row inside the table ("2021年决算数") overrides the top header's unit
                if fig.unit != "%" or unit is None or PERCENT_LABEL.search(column):
                    continue
                fig = fig._replace(unit=unit)
            row = fig.location.row
            label = label_left_of(table, row, fig.location.col)
            if label not in names:
                names[label] = _name(ROW_LEAD.sub("", label))
            name = names[label]
            if scoped and GENERIC_TOTAL.match(name):
                continue
            by_row.setdefault(row, []).append((where, fig))
            if name:
                index.setdefault((name, *where), []).append((fig,))
        if by_row:
            _sections(table, by_row, index)
    return index


def _column_kind(column: str, year: int | None) -> tuple | None:
    """(role, year, "money") of a total-like column header ("2021年决算数"), None for other columns."""
    if not TOTAL_COLUMN.search(last_label(column) or column):
        return None
    years = YEAR.findall(column)
    return "budget" if BUDGET_COLUMN.search(column) else "actual", int(years[-1]) if years else year, "money"


def _sections(table: Table, by_row: dict[int, list[tuple[tuple, Figure]]], index: dict) -> None:
    """A section row naming a quantity without an amount ("二、机关运行经费") stands for the sum
    of its "(一)…(二)…" sub-rows, column by column."""
    name, parts = "", {}
    for row in range(table.n_rows + 1):
        label = row_label(table, row) if row < table.n_rows else ""
        if row == table.n_rows or SECTION.match(label):
            for where, figures in parts.items():
                if len(figures) > 1:
                    index.setdefault((name, *where), []).append(tuple(figures))
            name = _name(SECTION.sub("", label)) if row not in by_row else ""
            parts = {}
        elif name and SUB_ROW.match(label):
            for where, fig in by_row.get(row, []):
                parts.setdefault(where, []).append(fig)


def _agrees_cells(token: Token, cells: tuple[Figure, ...]) -> bool:
    if len(cells) == 1:
        return agrees(token, cells[0])
    return compare(token.figure, total([(1, f) for f in cells])).outcome is not Outcome.MISMATCH


def _place(cells: tuple[Figure, ...]) -> str:
    return " + ".join(f"{f.location.describe()} {f.text}{'' if f.text.endswith(f.unit or '') else f.unit}"
                      for f in cells)


@register
class SameQuantity(Check):
    """同一数据前后不一致：同一项目同一年度的金额在文中两处或文表之间不同。

    What: a quantity the prose names — 基本支出, 项目支出, 本年收入合计, 支出总计,
    人员经费, 公用经费, “三公”经费 and its items, 政府采购总额, 机关运行经费, a
    支出 class, 编制/实有人数, 车辆 — with the same role (决算 or 预算) and year,
    stated in two places of the prose or in a table row of that name (total-like
    column of the same year and role; 元 and 万元 converted, rounding-aware) —
    or in a table section of that name without an amount of its own, as the
    sum of its sub-rows ("二、机关运行经费 | (一)行政单位 | (二)参照公务员法管理
    事业单位") — must have one value; so must its change from the prior year (amount and
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

    def _statement(self, token: Token, others: list[Token], table: list[tuple[Figure, ...]]
                   ) -> Iterable[Finding | Checked]:
        if not others and not table:
            return
        for other in others:
            if agrees(token, other.figure):
                yield Checked((printed(token), printed(other)))
                return
        for cells in table:
            if _agrees_cells(token, cells):
                yield Checked((printed(token), *cells))
                return
        against = [(printed(t),) for t in others[:2]] + table[:2]
        places = "；".join(_place(cells) for cells in against)
        yield self.finding(
            f"{named(token)}与其他处所列同一数据不一致：{places}",
            severity=Severity.ERROR if table else Severity.WARNING,
            figures=(printed(token), *(f for cells in against for f in cells)),
            stated=token.figure.value,
            relation=("same-quantity", frozenset([token.figure.location] + [t.figure.location for t in others])
                      if not table else token.figure.location),
            confidence="inferred")
