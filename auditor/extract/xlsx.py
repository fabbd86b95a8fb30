"""The Excel reader (optional extra ``auditor[xlsx]``): openpyxl for .xlsx, xlrd for .xls.

Each worksheet is one table, preceded by its title lines:
- leading rows holding one text cell (or only 部门/单位/年度/公开NN表 lines) are the
  caption, read as paragraphs above the table like the title lines of a Word file;
  trailing one-cell rows (注：…) are paragraphs after it; the sheet name is the
  farthest caption line, so a printed title wins;
- merged ranges are honoured: a merged cell appears once at its origin with spans;
- numbers are rendered as printed (the cell's number format gives the decimals,
  thousands separators and %), so a figure carries the precision the reader sees.
An .xlsx is read twice (cached values and formulas). A formula whose cached value
is missing (the file was written by a tool that does not calculate) or disagrees
with recomputing a simple formula (SUM of ranges, + and − of cells) from the
cached values is an extraction problem named by sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from auditor.extract import ReadError, assemble
from auditor.model import Block, Cell, Document, ExtractionProblem, Paragraph, Table

CAPTION_CELL = re.compile(r"^\s*(?:(?:金额)?单位|部门(?:名称)?|编制单位|填报单位|公开\d+表|\d{4}\s*年)")
NOTE = re.compile(r"^\s*(?:注|说明|备注)")
REF = r"\$?([A-Z]{1,3})\$?(\d+)"
TERM = re.compile(rf"([+-]?)\s*(?:SUM\(\s*({REF}(?::{REF})?(?:\s*,\s*{REF}(?::{REF})?)*)\s*\)|{REF})", re.I)
MAX_RANGE = 100_000  # cells a recomputed range may cover
FORMAT_DECIMALS = re.compile(r"0\.(0+)")


@dataclass
class _Sheet:
    """A worksheet in a format-neutral shape: values, number formats, merges, formulas."""

    name: str
    values: dict[tuple[int, int], object]  # 0-based (row, col) → cached value
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, r1, c0, c1 (exclusive)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def column_letter(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


def render(value: object, number_format: str = "General") -> str:
    """A cell value as Excel shows it: decimals, thousands separators and % from its format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, (int, float)):
        return str(value).strip()
    # 15 significant digits is what Excel keeps: 0.1 + 0.2 shows as 0.3, not 0.30000000000000004
    number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    fmt = (number_format or "General").split(";")[0]
    percent = "%" in fmt
    if percent:
        number *= 100
    match = FORMAT_DECIMALS.search(fmt)
    if match or re.search(r"(?<![.\d])0(?![.\d])", fmt):
        number = number.quantize(Decimal(1).scaleb(-len(match.group(1)) if match else 0))
        text = f"{number:,}" if "," in fmt else f"{number}"
    else:  # General: the shortest exact form
        text = format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")
    return text + ("%" if percent else "")


def _load_xlsx(path: Path) -> list[_Sheet]:
    try:
        import openpyxl
    except ImportError:
        raise ReadError(f"{path}: reading Excel needs the xlsx extra: pip install 'auditor[xlsx]'") from None
    try:
        cached = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as err:  # openpyxl raises zip, XML and key errors alike
        raise ReadError(f"{path}: not a readable .xlsx ({type(err).__name__}: {err})") from None
    sheets = []
    for ws in cached.worksheets:
        wf = formulas[ws.title]
        sheet = _Sheet(ws.title, {})
        for row in ws.iter_rows():
            for cell in row:
                key = (cell.row - 1, cell.column - 1)
                formula = wf.cell(cell.row, cell.column).value
                if isinstance(formula, str) and formula.startswith("="):
                    sheet.formulas[key] = formula
                if cell.value is not None:
                    sheet.values[key] = cell.value
                    sheet.formats[key] = cell.number_format
        sheet.merges = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(sheet)
    return sheets


def _load_xls(path: Path) -> list[_Sheet]:
    try:
        import xlrd
    except ImportError:
        raise ReadError(f"{path}: reading Excel needs the xlsx extra: pip install 'auditor[xlsx]'") from None
    try:
        book = xlrd.open_workbook(path, formatting_info=True)
    except Exception as err:
        raise ReadError(f"{path}: not a readable .xls ({type(err).__name__}: {err})") from None
    sheets = []
    for ws in book.sheets():
        sheet = _Sheet(ws.name, {}, merges=[tuple(m) for m in ws.merged_cells])
        for r in range(ws.nrows):
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    value = xlrd.error_text_from_code.get(value, "#ERR")
                sheet.values[(r, c)] = value
                xf = book.xf_list[cell.xf_index]
                sheet.formats[(r, c)] = book.format_map[xf.format_key].format_str
        sheets.append(sheet)
    return sheets


def _recompute(formula: str, values: dict[tuple[int, int], object]) -> Decimal | None:
    """The value of a simple formula (SUM of ranges, + and − of cells) from cached values;
    None when the formula is anything else."""
    body = formula.lstrip("=").replace(" ", "")
    total, pos = Decimal(0), 0
    for match in TERM.finditer(body):
        if match.start() != pos or (pos and not match.group(1)):
            return None
        pos = match.end()
        refs = match.group(2) or match.group(0).lstrip("+-")
        amount = Decimal(0)
        for piece in refs.split(","):
            ends = [re.fullmatch(REF, p.strip(), re.I) for p in piece.split(":")]
            if not all(ends):
                return None
            (c0, r0), (c1, r1) = [(_column_index(m.group(1)), int(m.group(2)) - 1) for m in (ends[0], ends[-1])]
            if (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1) > MAX_RANGE:  # whole-column sums: not recomputed
                return None
            for r in range(min(r0, r1), max(r0, r1) + 1):
                for c in range(min(c0, c1), max(c0, c1) + 1):
                    value = values.get((r, c))
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        amount += Decimal(repr(value))
                    elif value not in (None, ""):
                        return None
        total += -amount if match.group(1) == "-" else amount
    return total if pos == len(body) and pos else None


def _cache_problems(sheet: _Sheet) -> dict[tuple[int, int], str]:
    out = {}
    for key, formula in sheet.formulas.items():
        cached = sheet.values.get(key)
        where = f"工作表「{sheet.name}」{cell_ref(*key)} {formula}"
        if cached is None:
            out[key] = f"{where}：公式没有缓存值（文件未经 Excel 计算保存），显示的数字未知"
            continue
        expected = _recompute(formula, sheet.values)
        if expected is None or not isinstance(cached, (int, float)):
            continue
        stored = Decimal(repr(cached))
        if abs(stored - expected) > Decimal("0.000001"):
            out[key] = f"{where}：缓存值 {stored.normalize():f} 与按公式重算的 {expected.normalize():f} 不符（缓存过期）"
    return out


def _is_caption_row(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return bool(filled) and (len(filled) == 1 or all(CAPTION_CELL.match(t) for t in filled))


def _is_note_row(filled: list[str]) -> bool:
    """Empty, or one 注/说明 cell: below the table, read as a paragraph."""
    return not filled or (len(filled) == 1 and bool(NOTE.match(filled[0])))


def _sheet_blocks(sheet: _Sheet, first_paragraph: int, table_index: int):
    """(caption paragraphs, table, cache problems as ((row, col), what), note paragraphs) of one sheet."""
    if not sheet.values and not sheet.formulas:
        return [], None, [], []
    keys = set(sheet.values) | set(sheet.formulas)
    n_rows = max(r for r, _ in keys) + 1
    n_cols = max(c for _, c in keys) + 1
    for r0, r1, c0, c1 in sheet.merges:
        n_rows, n_cols = max(n_rows, r1), max(n_cols, c1)
    spans = {(r0, c0): (r1 - r0, c1 - c0) for r0, r1, c0, c1 in sheet.merges}
    covered = {(r, c) for r0, r1, c0, c1 in sheet.merges for r in range(r0, r1) for c in range(c0, c1)}
    texts = {k: render(v, sheet.formats.get(k, "General")) for k, v in sheet.values.items()}

    def row_texts(r: int) -> list[str]:
        return [texts.get((r, c), "") for c in range(n_cols)]

    top = 0
    while top < n_rows and (not any(row_texts(top)) or _is_caption_row(row_texts(top))):
        top += 1
    bottom = n_rows
    while bottom > top and _is_note_row([t for t in row_texts(bottom - 1) if t]):
        bottom -= 1
    paragraphs = [" ".join(t for t in row_texts(r) if t) for r in range(top) if any(row_texts(r))]
    notes = [" ".join(t for t in row_texts(r) if t) for r in range(bottom, n_rows) if any(row_texts(r))]
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(bottom - top)]
    for r in range(top, bottom):
        for c in range(n_cols):
            if (r, c) in covered and (r, c) not in spans:
                continue
            rows, cols = spans.get((r, c), (1, 1))
            cell = Cell(r - top, c, texts.get((r, c), ""), row_span=min(rows, bottom - r), col_span=cols)
            for dr in range(cell.row_span):
                for dc in range(cols):
                    grid[r - top + dr][c + dc] = cell
    table = Table(index=table_index, grid=grid) if grid else None
    # a formula among the title or note lines is reported at the table, without a cell
    problems = [((r - top, c) if top <= r < bottom else (None, None), what)
                for (r, c), what in _cache_problems(sheet).items()]
    before = [Paragraph(first_paragraph + i, text) for i, text in enumerate(paragraphs)]
    after = [Paragraph(first_paragraph + len(before) + i, text) for i, text in enumerate(notes)]
    return before, table, problems, after


def read_workbook(path: Path) -> Document:
    sheets = _load_xls(path) if path.suffix.lower() == ".xls" else _load_xlsx(path)
    blocks: list[Block] = []
    problems: list[tuple[Table, tuple, str]] = []
    names: dict[int, str] = {}
    n_paragraphs = n_tables = 0
    for sheet in sheets:
        before, table, cache, after = _sheet_blocks(sheet, n_paragraphs, n_tables)
        blocks.extend(before)
        if table is not None:
            blocks.append(table)
            names[id(table)] = sheet.name
            problems.extend((table, key, what) for key, what in cache)
            n_tables += 1
        blocks.extend(after)
        n_paragraphs += len(before) + len(after)
    doc = assemble(path, blocks)
    for table in doc.tables:  # the sheet name is the farthest caption line: a printed title wins
        table.caption = [names[id(table)]] + table.caption
    doc.problems = [ExtractionProblem("cache", table.location(*key), what) for table, key, what in problems]
    return doc
