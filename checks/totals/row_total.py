"""SUM001 — a 合计/总计/小计/共计 row equals the sum of the rows it totals."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Figure, Table
from auditor.numbers import is_empty
from auditor.registry import Check, register
from auditor.relations import check_sum
from auditor.rounding import Outcome, compare, total
from auditor.tables import figure_grid, label_left_of, layout, row_code, row_label, text_cells

# Rows this generic check verifies: unnamed totals. Named ones (本年收入合计,
# 公用经费合计) may total rows elsewhere in the table; they only bound a block here.
TOTAL_WORDS = "合计|总计|小计|共计"
TOTAL_ROW = re.compile(rf"^(?:[一二三四五六七八九十]+、)?({TOTAL_WORDS})[:：]?$")
ANY_TOTAL_ROW = re.compile(rf"({TOTAL_WORDS})[:：]?$")
TOTAL_WORD = re.compile(TOTAL_WORDS)


@register
class RowTotal(Check):
    """合计行不等于其所合计各行之和。

    What: in every amount column of every table, a row labelled 合计/总计/小计/共计
    equals the sum of the rows it totals: the rows below it when it stands on top
    of its block, else the rows above it (back to the previous total row). When
    rows carry classification codes (类/款/项), the total is the sum of the
    top-level rows; a reading in which the total holds is accepted.
    Why: a total that is not the sum of its rows is the commonest error in
    hand-edited disclosure tables, and every later figure quotes the total.
    Failing example (单位：元)::

        项目 | 金额
        合计 | 300.00
        货物 | 100.00
        服务 | 199.00      → SUM001 error: 合计 300.00 ≠ 各行之和 299.00，差 1.00

    In 万元 a difference inside the rounding envelope is an info 尾差.
    """

    code = "SUM001"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for table in doc.all_tables:
            yield from self._table(table)

    def _table(self, table: Table) -> Iterable[Finding | Checked]:
        info = layout(table)
        figures = figure_grid(table)
        text_rows = _text_rows(table, info.header_rows, info.amount_columns) if info.amount_columns else {}
        # only a row naming a total somewhere can have a total label left of a column
        named = {r for r in range(info.header_rows, table.n_rows) if TOTAL_WORD.search(row_label(table, r))}
        for col in sorted(info.amount_columns):
            for block in _blocks(table, col, info.header_rows, text_rows):
                labels = {r: label_left_of(table, r, col) for r in block if r in named}
                totals = [r for r in labels if ANY_TOTAL_ROW.search(labels[r])]
                for row in totals:
                    stated = figures.get((row, col))
                    if stated is None or stated.unit == "%" or not TOTAL_ROW.match(labels[row]):
                        continue
                    result = self._relation(table, col, stated, _readings(table, block, totals, row), figures)
                    if result is not None:
                        yield result

    def _relation(self, table, col, stated: Figure, readings, figures) -> Finding | Checked | None:
        best = None
        for name, reading in readings:
            parts = [(1, figures[(r, col)]) for r in reading if (r, col) in figures]
            if not parts:
                continue
            if compare(stated, total(parts)).outcome is not Outcome.MISMATCH:
                best = (name, parts)
                break
            best = best or (name, parts)
        if best is None:
            return None
        name, parts = best
        label = label_left_of(table, stated.location.row, col)
        column = layout(table).column_labels[col] or f"第{col + 1}列"
        return check_sum(
            self, stated, parts,
            stated_label=f"{label}「{column}」", expected_label=name,
            relation=("sum-of-rows", stated.location),
            context=f"「{table.title}」：",
        )


def _text_rows(table: Table, start: int, amount_columns: frozenset[int]) -> dict[int, set[int]]:
    """For each amount column, the data rows where a cell holding text (neither a number nor a
    dash) starts: one pass over the table's cells, not one over its grid per amount column."""
    rows: dict[int, set[int]] = {}
    for cell in text_cells(table):
        if cell.row < start or (cell.col_span == 1 and cell.col not in amount_columns) or is_empty(cell.text):
            continue
        line = table.grid[cell.row]
        for col in range(cell.col, cell.col + cell.col_span):
            if col < len(line) and line[col] is cell:
                rows.setdefault(col, set()).add(cell.row)
    return rows


def _blocks(table: Table, col: int, start: int, text_rows: dict[int, set[int]]) -> list[list[int]]:
    """Runs of data rows in which ``col`` holds numbers or nothing; a text cell
    in the column (a repeated header, a new sub-table) starts a new block."""
    blocks, current = [], []
    breaks = text_rows.get(col, ())
    for row in range(start, table.n_rows):
        if row in breaks:
            if current:
                blocks.append(current)
            current = []
            continue
        current.append(row)
    if current:
        blocks.append(current)
    return blocks


def _readings(table: Table, block: list[int], totals: list[int], row: int) -> list[tuple[str, list[int]]]:
    """Ways to read which rows a total sums, most specific first.

    A total on top of its block sums the rows below it (to the next total);
    otherwise the rows above it, back to the previous total. Below a previous
    total (总计 under 本年收入合计) it may be that total plus the rows between.
    Where rows carry codes, the total is the sum of the top-level (类) rows.
    """
    others = [r for r in block if r not in totals]
    previous = None
    if row == block[0] or not [r for r in others if r < row]:
        nxt = min([t for t in totals if t > row], default=block[-1] + 1)
        rows = [r for r in others if row < r < nxt]
    else:
        previous = max([t for t in totals if t < row], default=None)
        start = previous if previous is not None else block[0] - 1
        rows = [r for r in others if start < r < row]
    readings = []
    if previous is not None:
        readings.append(("上一合计行与其后各行之和", [previous] + rows))
    codes = {r: row_code(table, r) for r in rows}
    coded = [r for r in rows if codes[r]]
    if coded:
        top = min(len(codes[r]) for r in coded)
        level = {3: "类", 5: "款", 7: "项"}.get(top, f"{top}位")
        readings.append((f"各{level}科目之和", [r for r in coded if len(codes[r]) == top]))
    readings.append(("各行之和", rows))
    return readings
