"""Recognising the standard statements of a document by title and headers.

A table is a statement when a title line names a standard table (in the
paragraphs above it or in its first rows); the kind is decided by the title's
words, never by position, and the 基本支出明细 / 一般公共预算支出 tables are
told apart by their codes (economic 3xx/5xx vs functional 2xx). A table with no
title of its own that directly follows a statement with the same number of
columns continues it (a table split across pages).

Columns are read from the generic layout (auditor.tables): 行次/栏次 columns
are skipped, 编码/代码 (or 类/款/项) columns give the code, text columns the
name, and the rest are amounts. A label column after an amount column starts a
new side (收入 | 支出, or the blocks of the 基本支出明细表).
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from functools import lru_cache

from auditor.model import Cell, Document, Figure, Paragraph, Table
from auditor.numbers import is_empty, normalise, parse_cell, without_spaces
from auditor.statements.model import (
    ECONOMIC_LEVELS, FUNCTIONAL_LEVELS, Column, Kind, Line, Side, Statement, plain,
)
from auditor.tables import SERIAL_COLUMN, cell_unit, figure_grid, label_left_of, layout

SUMMARY = Kind("summary", "收入支出决算总表", False)
INCOME = Kind("income", "收入决算表", True)
EXPENSE = Kind("expense", "支出决算表", True)
FISCAL_SUMMARY = Kind("fiscal_summary", "财政拨款收入支出决算总表", False)
GENERAL_EXPENSE = Kind("general_expense", "一般公共预算财政拨款支出决算表", True)
BASIC_DETAIL = Kind("basic_detail", "一般公共预算财政拨款基本支出决算表", True)
THREE_PUBLIC = Kind("three_public", "财政拨款“三公”经费支出决算表", False)
GOV_FUND = Kind("gov_fund", "政府性基金预算财政拨款收入支出决算表", True)
STATE_CAPITAL = Kind("state_capital", "国有资本经营预算财政拨款支出决算表", True)
RELATED_INFO = Kind("related_info", "部门决算公开相关信息统计表", False)

# Most specific first: "财政拨款收支总表" before "收支总表", "三公" before everything.
TITLE_RULES: tuple[tuple[re.Pattern, Kind], ...] = (
    (re.compile(r"三公"), THREE_PUBLIC),
    (re.compile(r"相关信息统计|机关运行经费|政府采购|国有资产占用"), RELATED_INFO),
    (re.compile(r"财政拨款收(?:入)?支(?:出)?.*总表"), FISCAL_SUMMARY),
    (re.compile(r"收(?:入)?支(?:出)?.*总表"), SUMMARY),
    (re.compile(r"政府性基金"), GOV_FUND),
    (re.compile(r"国有资本经营"), STATE_CAPITAL),
    (re.compile(r"基本支出|经济分类|明细表"), BASIC_DETAIL),
    (re.compile(r"一般公共预算.*支出"), GENERAL_EXPENSE),
    (re.compile(r"收入.*表"), INCOME),
    (re.compile(r"(?<!项目)支出.*表"), EXPENSE),  # a 项目支出表 lists projects, not the 支出决算表
)
TITLE_LINE = re.compile(r"表\s*(?:[（(][^）)]*[）)])?\s*$")
NOT_STATEMENT = re.compile(r"绩效|自评|目录|评价|指标")
NOT_TITLE = re.compile(r"^(?:注|说明|备注|\d{4}年度?$|公开\d+表$|(?:金额)?单位)")
ATTACHMENT = re.compile(r"^(?:附件|附表)\s*\d*\s*[:：]?\s*|^公开\d+表\s*")
CODE_LABEL = re.compile(r"编码|代码|科目号")
NAME_LABEL = re.compile(r"(?:^|/)(?:项目|科目|名称|\S*名称)$")
CODE_PART = re.compile(r"^\d{2,3}$|^\d{5}$|^\d{7}$")
CODE_TEXT = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_PREFIX = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(.*)$")
NOTE_ROW = re.compile(r"^(?:注|说明|备注)\s*[:：]")
DIGIT = re.compile(r"\d")
SECTION_ROW = re.compile(r"^[一二三四五六七八九十]+、")
ZERO = Decimal(0)
EMPTY_TABLE_NOTE = re.compile(r"本表无数据|空表|无(?:此类|相关)?(?:收入|支出|收支)")


def title_and_kind(table: Table) -> tuple[str, Kind] | None:
    """The nearest line naming a standard table: caption lines (nearest first),
    then the first two rows of the table itself."""
    lines = [line.strip() for line in reversed(table.caption)]
    lines += [c.text.strip() for row in (0, 1) for c in table.row_origins(row)]
    for line in lines:
        if "表" not in line:  # a title ends in 表 (and no other character normalises to it)
            continue
        text = ATTACHMENT.sub("", without_spaces(normalise(line)))
        if not text or NOT_TITLE.match(text) or not TITLE_LINE.search(text):
            continue
        if NOT_STATEMENT.search(text):
            return None
        kind = kind_of_title(text)
        if kind is not None:
            return text, kind
    return None


def kind_of_title(text: str) -> Kind | None:
    """The standard table a title names ("一般公共预算财政拨款支出决算表" → general_expense)."""
    if NOT_STATEMENT.search(text):
        return None
    for pattern, kind in TITLE_RULES:
        if pattern.search(text):
            return kind
    return None


def _column_roles(table: Table, start: int, labels: list[str]) -> list[str]:
    """serial | code | text | amount | blank for every grid column."""
    # the numbers and the count of words in each column's data rows, read in one pass over the
    # grid (a cell merged down several rows counts once per row, as the column is read row by row)
    column_numbers: list[list[str]] = [[] for _ in range(table.n_cols)]
    column_words = [0] * table.n_cols
    for cells in table.grid[start:]:
        for col, cell in enumerate(cells):
            if cell is not None and cell.col == col and cell.text:
                number, text = _cell_kind(cell.text)
                if number:
                    column_numbers[col].append(text)
                elif text:
                    column_words[col] += 1
    roles = []
    for label, numbers, words in zip(labels, column_numbers, column_words):
        if SERIAL_COLUMN.search(label):
            roles.append("serial")
        elif CODE_LABEL.search(label) or label.rsplit("/", 1)[-1] in ("类", "款", "项"):
            roles.append("code")
        elif NAME_LABEL.search(label) and not numbers:
            roles.append("text")
        elif (not label or NAME_LABEL.search(label)) and len(numbers) >= 3 and words <= len(numbers) \
                and all(CODE_PART.match(without_spaces(t)) for t in numbers):
            # an unlabelled column of 3/5/7-digit integers under "项目": the codes
            roles.append("code")
        elif words > len(numbers):
            roles.append("text")
        elif numbers or label:
            roles.append("amount")
        else:
            roles.append("blank")
    return roles


@lru_cache(maxsize=1 << 14)  # a pure function of a cell's text, asked for every cell of every statement
def _cell_kind(text: str) -> tuple[bool, str]:
    """(whether the text is a number, the text stripped); the text is "" when it is blank or a dash."""
    text = text.strip()
    if parse_cell(text) is not None:
        return True, text
    return False, "" if is_empty(text) else text


def _sides(table: Table, roles: list[str]) -> list[tuple[list[int], list[int]]]:
    """(label columns, amount columns) per side, left to right."""
    sides: list[tuple[list[int], list[int]]] = []
    for col, role in enumerate(roles):
        if role in ("code", "text"):
            if not sides or sides[-1][1]:
                sides.append(([], []))
            sides[-1][0].append(col)
        elif role == "amount":
            if not sides:
                sides.append(([], []))
            sides[-1][1].append(col)
    return [s for s in sides if s[1]]


def _labels(table: Table) -> list[str]:
    """Column labels without the header parts every column shares (a title or 单位 row
    spanning the whole table is not a column header)."""
    labels = [label.split("/") for label in layout(table).column_labels]
    shared = 0
    while len(labels) > 1 and all(len(p) > shared + 1 and p[shared] == labels[0][shared] for p in labels):
        shared += 1
    return ["/".join(p[shared:]) for p in labels]


def _heading(label: str) -> str:
    """The header just above a label column's own ("收入" over "项目", "人员经费" over "科目编码")."""
    parts = label.split("/")
    return parts[-2] if len(parts) > 1 else ""


def _code_and_name(cells: list[Cell | None], label_cols: list[tuple[int, bool]],
                   previous: str | None) -> tuple[str | None, str, str]:
    """(well-formed code or None, name, the code as printed) of a row's label cells
    (``label_cols``: each label column, and whether it is a code column)."""
    last = None  # a cell merged over several (adjacent) label columns is read once
    code_parts: list[str] = []
    names: list[str] = []
    width = len(cells)
    for col, is_code in label_cols:
        cell = cells[col] if col < width else None
        if cell is None or cell is last:
            continue
        last = cell
        text, digits = _label_text(cell.text) if cell.text else ("", False)
        if is_code and (not text or digits):
            code_parts.append(text)
        elif text:
            names.append(text)
    code = None
    digits = "".join(code_parts)
    if digits:
        missing = 0 if code_parts[0] else next((i for i, p in enumerate(code_parts) if p), 0)
        if missing and previous:  # "  | 01 | 01" under a 类 row: the class digits are implied
            digits = previous[: 3 + 2 * (missing - 1)] + digits
        code = digits if CODE_TEXT.match(digits) else None
    elif names:
        match = CODE_PREFIX.match(names[0])
        if match and match.group(2):
            code, names[0] = match.group(1), match.group(2)
            digits = code
    return code, "".join(names), digits


@lru_cache(maxsize=1 << 14)  # a pure function of a cell's text, asked for every label cell of every row
def _label_text(text: str) -> tuple[str, bool]:
    """A label cell's text normalised without spaces, and whether it holds a digit."""
    text = without_spaces(normalise(text))
    return text, DIGIT.search(text) is not None


def _unlisted(table: Table, cell: Cell) -> Figure | str | None:
    """The amount of a cell origin that is not among the table's figures (auditor.tables):
    None for a blank, a Figure for a number outside the table's data area, else the text
    that is not a number."""
    text = cell.text.strip()
    if not text or is_empty(text):
        return None
    number = parse_cell(text)
    if number is None:
        return text
    return Figure(number.text, number.value, cell_unit(table, cell.row, cell.col, number), number.decimals,
                  table.location(cell.row, cell.col))


def _read_rows(statement: Statement, table: Table, start: int, roles: list[str],
               sides: list[tuple[list[int], list[int]]], keys: list[list[str]]) -> None:
    levels = ECONOMIC_LEVELS if statement.kind is BASIC_DETAIL else FUNCTIONAL_LEVELS
    related = statement.kind is RELATED_INFO
    unit = statement.unit
    previous: dict[int, str | None] = {}
    section = statement.sides[0].heading if related else ""
    grid = figure_grid(table)  # the printed amounts are the document's own figures, shared with every check
    # per side: its label columns (and which hold codes), its amount columns with their keys, its lines
    plan = [([(col, roles[col] == "code") for col in label_cols], list(zip(keys[s], amount_cols)), amount_cols,
             statement.sides[s].lines) for s, (label_cols, amount_cols) in enumerate(sides)]
    for row in range(start, table.n_rows):
        cells = table.grid[row]
        width = len(cells)
        for s, (label_cols, columns, amount_cols, lines) in enumerate(plan):
            amounts: dict[str, Figure | None] = {}
            texts: dict[str, str] = {}
            blanks: list[tuple[str, int]] = []  # their figures are made once the row is known to be data
            for key, col in columns:
                cell = cells[col] if col < width else None
                if cell is None or cell.row != row or cell.col != col:
                    continue  # covered by a merged cell from elsewhere
                if not cell.text or cell.text.isspace():  # most blanks, told without a lookup
                    blanks.append((key, col))
                    amounts[key] = None
                    continue
                value = grid.get((row, col))
                if value is None:
                    value = _unlisted(table, cell)
                    if value is None:
                        blanks.append((key, col))
                    elif isinstance(value, str):
                        texts[key] = value
                        value = None
                amounts[key] = value
            has_amount = len(amounts) > len(texts) + len(blanks)  # a printed amount on this side of the row
            if texts and not has_amount and not any(DIGIT.search(t) for t in texts.values()):
                continue  # a repeated header row ("项目 | 统计数"), not data
            code, name, printed = _code_and_name(cells, label_cols, previous.get(s))
            if not name and not printed and has_amount:
                name = label_left_of(table, row, amount_cols[0])
            if not name and not printed and not has_amount:
                continue
            if NOTE_ROW.match(name):
                continue
            for key, text in texts.items():
                statement.raw[(table.index, row, [c for k, c in zip(keys[s], amount_cols) if k == key][0])] = text
            for key, col in blanks:  # a blank is a figure too: nothing printed, value 0
                amounts[key] = Figure("", ZERO, unit, 2, table.location(row, col))
            if code:
                previous[s] = code
            if related and SECTION_ROW.match(name) and not has_amount:
                section = name
            level = levels.get(len(code)) if code else None
            lines.append(Line(s, table, row, code, name, amounts, level, section, printed))


def _keys(labels: list[str], amount_cols: list[int]) -> list[str]:
    keys: list[str] = []
    for col in amount_cols:
        key = labels[col] or f"第{col + 1}列"
        keys.append(key if key not in keys else f"{key}#{col + 1}")
    return keys


def read_statement(table: Table, title: str, kind: Kind) -> Statement | None:
    info = layout(table)
    labels = _labels(table)
    roles = _column_roles(table, info.header_rows, labels)
    sides = _sides(table, roles)
    if not sides:
        return None
    keys = [_keys(labels, amounts) for _, amounts in sides]
    statement = Statement(kind, title, [table], info.unit, [])
    for s, (label_cols, amount_cols) in enumerate(sides):
        heading = _heading(labels[label_cols[0]]) if label_cols else ""
        columns = [Column(k, c, table) for k, c in zip(keys[s], amount_cols)]
        statement.sides.append(Side(s, heading, columns))
    statement.reading = (roles, sides, keys)
    _read_rows(statement, table, info.header_rows, roles, sides, keys)
    if kind is BASIC_DETAIL and any(l.code and l.code[0] == "2" for l in statement.lines):
        statement.kind = GENERAL_EXPENSE  # functional codes: a 一般公共预算支出 table, not economic
    elif kind is GENERAL_EXPENSE and any(l.code and l.code[0] in "35" for l in statement.lines) \
            and not any(l.code and l.code[0] == "2" for l in statement.lines):
        statement.kind = BASIC_DETAIL
    return statement


def _continue(statement: Statement, table: Table) -> bool:
    """Append a continuation table (same columns, no title of its own)."""
    first = statement.tables[-1]
    if table.n_cols != first.n_cols or table.nested or first.nested:
        return False
    roles, sides, keys = statement.reading
    start = layout(table).header_rows if layout(table).column_labels == layout(first).column_labels else 0
    statement.tables.append(table)
    _read_rows(statement, table, start, roles, sides, keys)
    return True


def recognise(doc: Document) -> tuple[list[Statement], list[tuple[Table, str]]]:
    """The statements of a document, and the tables that look like one but could not be read."""
    statements: list[Statement] = []
    gaps: list[tuple[Table, str]] = []
    last: Statement | None = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if "表" in block.text and TITLE_LINE.search(block.text.strip()):
                last = None  # a new title between tables: no continuation across it
            continue
        found = title_and_kind(block)
        if found is None:
            if last is not None and not any(TITLE_LINE.search(c.strip()) for c in block.caption) \
                    and _continue(last, block):
                continue
            last = None
            continue
        title, kind = found
        statement = read_statement(block, title, kind)
        if statement is None and not any(parse_cell(c.text) for c in block.cells):
            statement = Statement(kind, title, [block], layout(block).unit, [])  # headers only: an empty table
        elif statement is None or (not statement.lines and not declared_empty(doc, block)):
            gaps.append((block, title))
            last = None
            continue
        statements.append(statement)
        last = statement
    return statements, gaps


def declared_empty(doc: Document, table: Table) -> bool:
    """A "本表无数据"/"空表" statement above, inside or right after the table."""
    blocks = doc.blocks
    try:
        start = blocks.index(table) + 1  # blocks compare by identity
    except ValueError:
        start = len(blocks)
    after: list[str] = []
    for block in itertools.islice(blocks, start, None):
        if not isinstance(block, Paragraph):
            break
        after.append(block.text)
    # caption lines above the table's own title belong to the previous table ("说明：本表无数据")
    titles = [i for i, line in enumerate(table.caption) if TITLE_LINE.search(without_spaces(normalise(line)))]
    above = table.caption[titles[-1] + 1:] if titles else table.caption
    # searched as one text: the note's words hold no line break, so no match spans two texts
    text = "\n".join(above + [c.text for c in table.cells] + after)
    return ("无" in text or "空表" in text) and EMPTY_TABLE_NOTE.search(text) is not None


def labelled(statement: Statement) -> list[tuple[str, Figure]]:
    """Every amount with the words that name it: section, row label and column header."""
    out = []
    for line in statement.lines:
        for key, figure in line.amounts.items():
            if figure is not None:
                out.append((f"{plain(line.section)}|{line.label}|{key}", figure))
    return out
