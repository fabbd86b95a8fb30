"""Generic reading of a table's layout: header rows, column labels, units, amounts.

Nothing here knows a statement kind; it reads what every disclosure table shares:
leading header rows (possibly merged over several rows), an optional 栏次 row
numbering the columns, label columns (项目, 科目编码, 科目名称, 行次) and
amount columns whose unit comes from the cell, the column header, the row label
or the table's 单位 line, in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, TypeVar

from auditor.memo import once_per
from auditor.model import Cell, Figure, Table
from auditor.numbers import Number, normalise, parse_cell, without_spaces

UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]?\s*(?P<unit>亿元|万元|千元|元)")
UNIT_IN_LABEL = re.compile(r"[(（]\s*(?P<unit>亿元|万元|千元|元|辆|人|个|台|套|件|户|次|人次|%)\s*[)）]")
SERIAL_COLUMN = re.compile(r"行次|栏次|序号|行号")
NON_AMOUNT_LABEL = re.compile(r"行次|栏次|序号|编码|代码|编号|科目号|行号")
PERCENT_LABEL = re.compile(r"%|率|比例|比重|占比")
SCORE_LABEL = re.compile(r"分值|得分|权重|分数|评分")
SERIAL_ROW_LABEL = re.compile(r"^\s*(栏次|列次)\s*$")
T = TypeVar("T")


@dataclass(frozen=True)
class Layout:
    header_rows: int  # rows before the first data row (incl. a 栏次 numbering row)
    column_labels: tuple[str, ...]  # header text above each grid column, joined with "/"
    amount_columns: frozenset[int]  # columns whose numbers are figures (not 行次/编码)
    unit: str | None  # the table's 单位 line, if any
    column_units: tuple[str | None, ...]  # the unit each column's header gives (% for rates, 分 for scores)


@once_per
def layout(table: Table) -> Layout:
    return _read_layout(table)


def table_unit(table: Table) -> str | None:
    """The 单位 line above the table or in its first two rows."""
    # the caption is searched as one string: "金额单位：" and "元" may be separate lines
    texts = ["".join(table.caption)] + [c.text for c in table.cells if c.row < 2]
    for text in texts:
        match = UNIT_LINE.search(normalise(without_spaces(text)))
        if match:
            return match["unit"]
    return None


def _is_serial_row(table: Table, row: int) -> bool:
    """A 栏次 row ("栏次 | | 1 | 2 | 3") or a row that only numbers the columns 1..n."""
    cells = table.row_origins(row)
    if any(SERIAL_ROW_LABEL.match(c.text) for c in cells):
        return True
    numbers = [parse_cell(c.text) for c in cells if c.text.strip()]
    if len(numbers) < 3 or any(n is None or n.decimals or n.unit for n in numbers):
        return False
    values = [int(n.value) for n in numbers]
    return values == list(range(values[0], values[0] + len(values)))


def _read_layout(table: Table) -> Layout:
    header_rows = 0
    serial_row = None
    for row in range(table.n_rows):
        if _is_serial_row(table, row):
            header_rows, serial_row = row + 1, row
            break
        if any(parse_cell(c.text) is not None for c in table.row_origins(row)):
            header_rows = row
            break
    labels = []
    for col in range(table.n_cols):
        parts: list[str] = []
        for row in range(header_rows):
            cell = table.cell_at(row, col)
            text = without_spaces(cell.text) if cell is not None and row != serial_row else ""
            if text and text not in parts and parse_cell(text) is None:
                parts.append(text)
        labels.append("/".join(parts))
    amount_columns = frozenset(i for i, label in enumerate(labels) if not NON_AMOUNT_LABEL.search(label))
    return Layout(header_rows, tuple(labels), amount_columns, table_unit(table),
                  tuple(_column_unit(label) for label in labels))


@once_per
def _memo(table: Table) -> dict:
    """Per-table answers of the functions below (labels, codes, units, the figure grid): the
    checks ask them again and again for the same cells. Kept beside the table, not in it, like
    the layout."""
    return {}


def _remembered(table: Table, compute: Callable[..., T], *args) -> T:
    """``compute(table, *args)``, computed once per table and arguments."""
    memo = _memo(table)
    key = (compute, *args)
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = compute(table, *args)
        return value


def text_cells(table: Table) -> list[Cell]:
    """The origin cells holding text — neither blank nor a number (a dash is text) — in
    row-major order: found once, for the labels, the prose in cells and the text scans."""
    return _remembered(table, _text_cells)


def _text_cells(table: Table) -> list[Cell]:
    return [cell for cell in table.cells if cell.text.strip() and parse_cell(cell.text) is None]


def _text_cells_by_row(table: Table) -> dict[int, list[Cell]]:
    by_row: dict[int, list[Cell]] = {}
    for cell in text_cells(table):
        by_row.setdefault(cell.row, []).append(cell)
    return by_row


def row_label(table: Table, row: int) -> str:
    """The text cells of a row, left to right (its 项目/科目 name and code)."""
    return _remembered(table, _row_label, row)


def _row_label(table: Table, row: int) -> str:
    cells = _remembered(table, _text_cells_by_row).get(row, ())
    return " ".join([without_spaces(cell.text.strip()) for cell in cells])


def cell_unit(table: Table, row: int, col: int, number: Number) -> str | None:
    """Unit of a numeric cell: its own, else the column's, else the row's, else the table's."""
    if number.unit:
        return number.unit
    info = layout(table)
    return (info.column_units[col] if col < len(info.column_units) else None) \
        or _remembered(table, _row_unit, row) or info.unit


def _column_unit(label: str) -> str | None:
    """% or 分 for rate and score columns, else a unit in the column header ("金额（万元）")."""
    if PERCENT_LABEL.search(label):
        return "%"
    if SCORE_LABEL.search(label):
        return "分"
    return _unit_in_label(label)


def _row_unit(table: Table, row: int) -> str | None:
    return _unit_in_label(row_label(table, row))


def _unit_in_label(label: str) -> str | None:
    match = UNIT_IN_LABEL.search(normalise(label))
    return match["unit"] if match else None


@once_per
def table_figures(table: Table) -> list[Figure]:
    """Every amount in the data rows of one table (nested tables are separate)."""
    info = layout(table)
    header_rows, amount_columns = info.header_rows, info.amount_columns
    figures = []
    for cell in table.cells:
        if cell.row < header_rows or cell.col not in amount_columns:
            continue
        number = parse_cell(cell.text)
        if number is not None:
            figures.append(Figure(number.text, number.value, cell_unit(table, cell.row, cell.col, number),
                                  number.decimals, table.location(cell.row, cell.col)))
    return figures


def figure_grid(table: Table) -> dict[tuple[int, int], Figure]:
    """The table's figures keyed by (row, col) of the cell origin (shared: do not modify)."""
    return _remembered(table, _figure_grid)


def _figure_grid(table: Table) -> dict[tuple[int, int], Figure]:
    return {(f.location.row, f.location.col): f for f in table_figures(table)}


CODE_TEXT = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_PREFIX = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)")


def row_code(table: Table, row: int) -> str | None:
    """The classification code of a row: "2080101", "208 01 01" over three cells,
    or a code leading the label ("2080101 行政运行"); None when the row has none.
    Only the cells left of the first amount are read, and 行次/序号 cells are not codes."""
    return _remembered(table, _row_code, row)


def _row_code(table: Table, row: int) -> str | None:
    info = layout(table)
    digits = ""
    for cell in table.row_origins(row):
        text = without_spaces(cell.text)
        label = info.column_labels[cell.col] if cell.col < len(info.column_labels) else ""
        if cell.col in info.amount_columns and parse_cell(text) is not None:
            break
        if SERIAL_COLUMN.search(label):
            continue
        if text.isdigit():
            digits += text
        elif text:
            match = CODE_PREFIX.match(text)
            if match and not digits:
                digits = match.group(1)
            break
    return digits if CODE_TEXT.match(digits) else None


def label_left_of(table: Table, row: int, col: int) -> str:
    """The nearest text (non-number) cell left of ``col`` in ``row``: the row's label
    for that column, also in two-sided tables (收入 | 支出 side by side)."""
    return _remembered(table, _label_left_of, row, col)


def _label_left_of(table: Table, row: int, col: int) -> str:
    for c in range(col - 1, -1, -1):
        cell = table.cell_at(row, c)
        if cell is None or cell.col != c:
            continue
        text = without_spaces(cell.text)
        if text and parse_cell(text) is None:
            return text
    return ""


def last_label(label: str) -> str:
    """The innermost header of a column label ("本年支出/小计" → "小计")."""
    return label.rsplit("/", 1)[-1]
