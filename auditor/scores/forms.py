"""Reading 绩效自评表 into forms: a funds block, an indicator tree, totals and a grade.

A *form* is one self-evaluation table as printed: it may be split over several
Word tables (a page break starts a new table that begins with data rows, and a
short caption such as "（20分）" may sit between the pieces), and one Word table
may hold the end of one form and the start of the next ("附件4-2 … 项目支出名称").
Forms are read row by row across the document's tables:

- a *header row* names the columns: 分值/权重 (weights), 得分 (scores), 一级/二级/
  三级指标 (labels) — or, for the funds block, 预算数/执行数/结余/执行率/得分;
  a following row without numbers that only adds sub-headers is merged into it;
- rows are read right-aligned: the trailing weight/score numbers of a row are
  assigned to the header's weight/score columns in order, because printed rows
  often lose or gain a leading cell (a merged label that the extraction dropped);
- labels carrying a weight ("产出指标（50分）", "年度目标1: (10分)") declare groups;
  a group holds the rows below it until a group at the same or a shallower
  column is declared; a row with numbers marked "——" whose deepest label column
  is empty is a subtotal (a group with stated weight and score);
- when labels carry codes ("A1部门目标", "A11…", "C213…"), the tree follows the
  codes (C213 belongs to C2 wherever the row was printed);
- a row labelled 总分/合计/综合得分 closes the form with its total(s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Callable
from operator import attrgetter

from auditor.memo import once_per
from auditor.model import Cell, Document, Figure, Location, Paragraph, Table
from auditor.numbers import Number, normalise, parse_cell, without_spaces
from auditor.scores.patterns import (
    CODE,
    DASH_CELL,
    FORM_START,
    FORM_TITLE,
    FUNDS_FORMULA,
    FUNDS_HEADER_NEEDS,
    FUNDS_ROLES,
    FUNDS_ROW_LABEL,
    GRADE_LABEL,
    HEADER_WORDS,
    LABEL_HEADER,
    LABEL_WEIGHT,
    NOT_LABEL_HEADER,
    OPENING_WORDS,
    RULE_RANGE,
    SCORE_HEADER,
    SLASH_TOTAL,
    TOTAL_LABEL,
    UNLABELLED_TOTAL,
    VALUE_LIKE,
    WEIGHT_HEADER,
    WEIGHT_ONLY_CELL,
    compact,
    grade_of,
    name_of,
)
from auditor.tables import layout

MAX_HEADER = 16  # characters: a longer cell is text ("指标得分：96分"), not a column heading
SHORT_CAPTION = 16  # characters: a caption this short between two tables does not break a form


@dataclass(eq=False)
class Node:
    label: str
    location: Location
    parent: "Group | None" = None

    @property
    def name(self) -> str:
        return name_of(self.label)

    @cached_property  # asked again and again while the tree is rebuilt from the codes
    def code(self) -> str | None:
        return _code_of(self.label)


@dataclass(eq=False)
class Leaf(Node):
    weights: list[Figure | None] = field(default_factory=list)  # one per weight column
    score: Figure | None = None
    label_weights: list[Figure] = field(default_factory=list)  # weights printed in its own label
    rule_max: Figure | None = None  # "酌情得0-2分" in its row
    path: list[str] = field(default_factory=list)  # the labels above it, weighted or not
    values: list[str] = field(default_factory=list)  # 指标值 … 完成值 texts, in order


@dataclass(eq=False)
class Group(Node):
    depth: int = 0
    declared: list[Figure] = field(default_factory=list)  # weights in its label(s)
    stated_weights: list[Figure | None] = field(default_factory=list)  # a subtotal row's weights
    stated_score: Figure | None = None
    children: list[Node] = field(default_factory=list)
    # the parts its children's weights and scores add up from, each worked out once (the checks
    # ask for them group by group and column by column, and only once the form is read)
    sums: dict[object, list[Figure] | None] = field(default_factory=dict, repr=False)

    def leaves(self) -> list[Leaf]:
        out = []
        for child in self.children:
            out.extend(child.leaves() if isinstance(child, Group) else [child])
        return out

    def groups(self) -> list["Group"]:
        out = []
        for child in self.children:
            if isinstance(child, Group):
                out.append(child)
                out.extend(child.groups())
        return out


@dataclass(eq=False)
class FundsRow:
    label: str
    row: int
    table: Table
    figures: dict[str, list[Figure]]
    weight: Figure | None = None  # its own "(20分)" label


@dataclass(eq=False)
class Funds:
    rows: list[FundsRow] = field(default_factory=list)
    formula_weight: Figure | None = None  # "得分(20分*执行率)" in the header

    def weight_of(self, row: FundsRow) -> Figure | None:
        found = row.figures.get("weight")
        return found[0] if found else (row.weight or self.formula_weight)


@dataclass(eq=False)
class Total:
    location: Location
    weight: Figure | None = None
    score: Figure | None = None
    single: Figure | None = None  # one number: a weight or a score, whichever holds
    is_score: bool = False  # the row says so: a grade beside it, or a 得分 label


@dataclass(eq=False)
class Grade:
    word: str  # as printed
    grade: str  # 优/良/中/差
    location: Location


@dataclass(eq=False)
class Form:
    name: str = ""
    title: str = ""
    root: Group = field(default_factory=lambda: Group("", Location(), depth=-1))
    # header text of each weight column; a score is bounded by the last one (设定分值, not 参考分值)
    weight_columns: list[str] = field(default_factory=list)
    funds: Funds = field(default_factory=Funds)
    totals: list[Total] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    gaps: list[tuple[Location, str]] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    header_seen: bool = False
    final: tuple[list[Leaf], list[Group]] | None = field(default=None, repr=False)  # the tree once read

    def finalise(self) -> None:
        """The tree is read: its leaves and groups are listed once, for the many checks asking."""
        self.final = (self.root.leaves(), self.root.groups())

    @property
    def is_whole_department(self) -> bool:
        return "整体" in self.title or "整体" in self.name

    @property
    def display(self) -> str:
        return self.name or self.title or (f"表{self.tables[0] + 1}" if self.tables else "")

    def leaves(self) -> list[Leaf]:
        return self.final[0] if self.final else self.root.leaves()

    def groups(self) -> list[Group]:
        return self.final[1] if self.final else self.root.groups()

    def has_content(self) -> bool:
        return bool(self.leaves() or self.funds.rows or self.totals)

    def figures(self) -> list[Figure]:
        """Every weight and score this form read (for coverage and mutation testing)."""
        out: list[Figure] = []
        for group in self.groups():
            out.extend(group.declared)
            out.extend(f for f in group.stated_weights if f)
            if group.stated_score:
                out.append(group.stated_score)
        for leaf in self.leaves():
            out.extend(f for f in leaf.weights if f)
            out.extend(leaf.label_weights)
            if leaf.score:
                out.append(leaf.score)
        for row in self.funds.rows:
            out.extend(row.figures.get("weight", []) + row.figures.get("score", []))
            if row.weight:
                out.append(row.weight)
        if self.funds.formula_weight:
            out.append(self.funds.formula_weight)
        for total in self.totals:
            out.extend(f for f in (total.weight, total.score, total.single) if f)
        return out


# ---------------------------------------------------------------- reading cells

@lru_cache(maxsize=1 << 12)
def _code_of(label: str) -> str | None:
    """The indicator code leading a label ("A1部门目标" → "A1"), read once per label text."""
    match = CODE.match(compact(label))
    return match["code"] if match else None


_HEADER_WORD = re.compile("|".join(HEADER_WORDS))


def _tested(test: Callable[[str], re.Match | None]) -> cached_property:
    """A _Text attribute: whether ``test`` (a pattern's match or search) finds the compact text."""
    return cached_property(lambda text: test(text.compact) is not None)


class _Text:
    """A cell's text as the reader sees it, worked out once per distinct text (the same labels,
    weights and scores recur in every row, table and document): the text without whitespace, the
    number it holds, and the tests rows are read by, each made when first asked."""

    def __init__(self, text: str):
        self.raw = text
        self.compact = without_spaces(text)
        self.number = parse_cell(text)
        # counts: a number that is not a "(20分)" label; score: a weight or score cell, a bare
        # number or "N分" (not "(20分)", not 98%)
        self.counts = self.score = False
        if self.number is not None and not self.weight_only:
            self.counts = True
            self.score = self.number.unit in (None, "分")

    # yes/no tests of the text without whitespace, each made when first asked
    weight_only = _tested(WEIGHT_ONLY_CELL.match)  # "(20分)": a weight label, not a number
    header_word = _tested(_HEADER_WORD.search)  # a word a header needs (its own row or a sub-header row)
    form_start = _tested(FORM_START.match)
    form_title = _tested(FORM_TITLE.search)
    total_label = _tested(TOTAL_LABEL.match)
    grade_label = _tested(GRADE_LABEL.search)
    dash = _tested(DASH_CELL.match)
    label_weight = _tested(LABEL_WEIGHT.search)
    value_like = _tested(VALUE_LIKE.search)

    @cached_property
    def weight_spans(self) -> list[tuple[int, int]]:
        """Where the weights printed inside the text are: "C22C104…（6分）（5分）" → 6, 5."""
        if "分" not in self.raw:  # most texts, told without the pattern
            return []
        return [m.span("n") for m in LABEL_WEIGHT.finditer(self.raw)]

    @cached_property
    def rule_max(self) -> tuple[int, int] | None:
        """Where the top of a scoring rule's range is ("酌情得0-2分" → 2)."""
        match = RULE_RANGE.search(self.raw)
        return match.span("hi") if match else None


@lru_cache(maxsize=1 << 14)
def _text(text: str) -> _Text | None:
    """The reading of a cell's text; None for a blank one."""
    reading = _Text(text)
    return reading if reading.compact else None


def _score_figure(table: Table, cell: Cell, number: Number) -> Figure:
    return Figure(number.text, number.value, "分", number.decimals, table.location(cell.row, cell.col))


def _span_figure(text: str, match: re.Match, group: str, where: Location) -> Figure:
    """The number a regex group found inside a text; its span includes a following 分,
    as the document's own prose figures do."""
    return span_figure(text, *match.span(group), where)


_UNIT_AFTER = re.compile(r"\s*分")


def span_figure(text: str, start: int, end: int, where: Location) -> Figure:
    number = text[start:end]
    unit = _UNIT_AFTER.match(text, end)
    stop = unit.end() if unit else end
    decimals = len(number.split(".", 1)[1]) if "." in number else 0
    return Figure(text[start:stop], Decimal(normalise(number)), "分", decimals, where.with_span(start, stop))


def _cell_weights(table: Table, cell: Cell, text: _Text) -> list[Figure]:
    """The weights printed inside a cell's label, located at the cell."""
    spans = text.weight_spans
    if not spans:  # most cells: no weight, and no location to make for it
        return []
    where = table.location(cell.row, cell.col)
    return [span_figure(cell.text, start, end, where) for start, end in spans]


@dataclass(eq=False, slots=True)
class _Line:
    """One table row as the reader sees it, read once (rows are tested as form starts,
    headers, sub-headers and content): its cells holding text, left to right, and their texts."""
    cells: list[Cell]
    texts: list[_Text]
    has_numbers: bool  # a number that is not a "(20分)" label
    header_word: bool | None = None  # whether a text holds a word a header needs, once asked

    def names_a_column(self) -> bool:
        if self.header_word is None:
            self.header_word = any(text.header_word for text in self.texts)
        return self.header_word


def _lines(table: Table) -> list[_Line]:
    lines = []
    for row in range(table.n_rows):
        cells, texts = [], []
        has_numbers = False
        for cell in table.row_origins(row):
            text = cell.text and _text(cell.text)  # many cells are empty
            if text:
                cells.append(cell)
                texts.append(text)
                has_numbers = has_numbers or text.counts
        lines.append(_Line(cells, texts, has_numbers))
    return lines


# ---------------------------------------------------------------- headers

@dataclass
class Header:
    kind: str  # "indicators" or "funds"
    roles: list[tuple[int, str]]  # (column, role) left to right
    label_limit: int  # last column holding indicator labels
    weight_columns: list[str]
    unit: str | None = None
    formula_weight: Figure | None = None
    role_of: dict[int, str] = field(init=False)  # the roles by column
    weight_slot: dict[int, int] = field(init=False)  # a weight column's place among the weight columns

    def __post_init__(self) -> None:
        self.role_of = dict(self.roles)
        self.weight_slot = {col: i for i, col in enumerate(c for c, role in self.roles if role == "weight")}


def _column_texts(lines: list[_Line]) -> dict[int, str]:
    texts: dict[int, str] = {}
    for line in lines:
        for cell, text in zip(line.cells, line.texts):
            texts[cell.col] = texts[cell.col] + "/" + text.compact if cell.col in texts else text.compact
    return texts


_EXECUTED = dict(FUNDS_ROLES)["executed"]
_DIGIT = re.compile(r"\d")
_AMOUNT_UNIT = re.compile(r"万元|元")


def _funds_roles(texts: dict[int, str]) -> list[tuple[int, str]]:
    return [(col, role) for col in sorted(texts) if (role := _funds_role(texts[col]))]


# The roles below are pure functions of a column's header text, and a batch prints the same
# headers again and again: each text is read once.
@lru_cache(maxsize=1 << 10)
def _funds_role(text: str) -> str | None:
    if FUNDS_ROW_LABEL.search(text):
        return None
    return next((role for role, pattern in FUNDS_ROLES if pattern.search(text)), None)


@lru_cache(maxsize=1 << 10)
def _indicator_role(text: str) -> str | None:
    """score | weight | label (an indicator label column) | None."""
    if len(text) > MAX_HEADER or _DIGIT.search(text):
        return None  # a heading names a column; a cell with a number is content
    if SCORE_HEADER.search(text) and not FUNDS_FORMULA.search(text):
        return "score"
    if WEIGHT_HEADER.search(text):
        return "weight"
    if LABEL_HEADER.search(text) and not NOT_LABEL_HEADER.search(text.split("/")[0]):
        return "label"
    return None


def read_header(table: Table, lines: list[_Line], row: int) -> tuple[Header, int] | None:
    """The header starting at ``row`` (a row without numbers) and how many rows it spans, or None."""
    if not any(line.names_a_column() for line in lines[row:row + 3]):
        return None
    texts = _column_texts(lines[row:row + 1])
    if not texts or any(LABEL_WEIGHT.search(t) and not FUNDS_FORMULA.search(t) for t in texts.values()):
        return None
    rows = [row]
    # sub-header rows: no numbers, short texts only ("参考分值|设定分值", "预算数|执行数")
    nxt = row + 1
    while nxt < len(lines) and len(rows) < 3 and not lines[nxt].has_numbers:
        more = _column_texts(lines[nxt:nxt + 1])
        if not more or any(len(t) > 8 or TOTAL_LABEL.match(t) or LABEL_WEIGHT.search(t) for t in more.values()):
            break
        rows.append(nxt)
        nxt += 1
    if len(rows) > 1:
        texts = _column_texts(lines[row:nxt])
    # a funds header needs an 执行数 column: other headers are ruled out by one pattern, not seven
    funds = _funds_roles(texts) if any(_EXECUTED.search(t) for t in texts.values()) else []
    found = {role for _, role in funds}
    if all(any(r in found for r in (need, "initial")) if need == "budget" else need in found
           for need in FUNDS_HEADER_NEEDS) and ("rate" in found or "score" in found):
        formula = None
        for col, text in texts.items():
            cell = table.cell_at(row, col)
            match = FUNDS_FORMULA.search(cell.text) if cell is not None else None
            if match:
                formula = _span_figure(cell.text, match, "n", table.location(cell.row, cell.col))
        # the unit named in the header, else the table's 单位 line (read with its layout)
        found_unit = next((m for t in texts.values() if (m := _AMOUNT_UNIT.search(t))), None) \
            or _AMOUNT_UNIT.search(layout(table).unit or "")
        return Header("funds", funds, -1, [], found_unit.group(0) if found_unit else "万元", formula), len(rows)
    roles = []
    labels = []
    for col in sorted(texts):
        role = _indicator_role(texts[col])
        if role == "label":
            labels.append(col)
        elif role:
            roles.append((col, role))
    if not any(role == "score" for _, role in roles):
        return None
    first_role = min(col for col, _ in roles)
    label_limit = max([c for c in labels if c < first_role], default=first_role - 1)
    weights = [texts[col] for col, role in roles if role == "weight"]
    return Header("indicators", roles, label_limit, weights), len(rows)


# ---------------------------------------------------------------- the reader

_OPENING_WORD = re.compile("|".join(OPENING_WORDS))
_TEXT = attrgetter("text")


def _may_open(table: Table) -> bool:
    """Whether a row of the table may start a form or a header: its texts joined, without
    whitespace, hold an opening word (a test on the whole table, cheaper than reading its rows)."""
    return _OPENING_WORD.search("".join("".join(map(_TEXT, table.cells)).split())) is not None


@dataclass
class _Reader:
    forms: list[Form] = field(default_factory=list)
    form: Form | None = None
    header: Header | None = None
    stack: list[Group] = field(default_factory=list)
    closed: bool = False  # the current form's total row has been read
    # label per column, filled down; kept in column order (a row's labels replace the columns from
    # its first label rightwards and are added left to right)
    carry: dict[int, str] = field(default_factory=dict)

    def start(self, name: str = "", title: str = "") -> Form:
        self.finish()
        self.form = Form(name=name, title=title)
        self.header = None
        self.stack = []
        self.carry = {}
        self.closed = False
        return self.form

    def finish(self) -> None:
        if self.form is not None and (self.form.has_content() or self.form.header_seen):
            _apply_codes(self.form)
            self.form.finalise()
            self.forms.append(self.form)
        self.form = None

    # -- groups
    def top(self) -> Group:
        return self.stack[-1] if self.stack else self.form.root

    def declare(self, label: str, depth: int, where: Location, weights: list[Figure]) -> Group:
        while self.stack and self.stack[-1].depth >= depth:
            popped = self.stack.pop()
            if popped.depth == depth and popped.name == name_of(label) and popped.name:
                popped.declared.extend(weights)
                self.stack.append(popped)
                return popped
        parent = self.top()
        group = Group(label, where, parent, depth=depth, declared=list(weights))
        parent.children.append(group)
        self.stack.append(group)
        return group

    # -- rows
    def read(self, table: Table) -> None:
        if (self.form is None or self.header is None) and not _may_open(table):
            return  # no row can start a form or a header, and no form awaits rows: nothing to read
        lines = _lines(table)
        row = 0
        while row < len(lines):
            row += self.row(table, lines, row)

    def row(self, table: Table, lines: list[_Line], row: int) -> int:
        """Read one row; returns how many rows it consumed (a header may span several)."""
        line = lines[row]
        cells = line.cells
        if not cells:
            return 1
        first = line.texts[0]
        if first.form_start or (len(cells) <= 2 and first.form_title and not line.has_numbers):
            name = line.texts[1].compact if first.form_start and len(cells) > 1 else ""
            if self.form is None or self.form.has_content():
                self.start(name=name, title="" if name else first.compact)
                self.form.title = self.form.title or table.title
            elif name:
                self.form.name = self.form.name or name
            else:
                self.form.title = first.compact
            if self.form.tables[-1:] != [table.index]:
                self.form.tables.append(table.index)
            return 1
        header = None if line.has_numbers else read_header(table, lines, row)
        if header is not None:
            spans = header[1]
            if self.form is None or (self.closed and header[0].kind == "indicators"):
                self.start(title=table.title)
                self.form.tables.append(table.index)
            self.header = header[0]
            self.form.header_seen = True
            if header[0].kind == "indicators" and not self.form.weight_columns:
                self.form.weight_columns = header[0].weight_columns
            elif header[0].kind == "funds":
                self.form.funds.formula_weight = self.form.funds.formula_weight or header[0].formula_weight
            return spans
        if self.form is None or self.header is None:
            return 1
        if first.total_label or (self.header.kind == "indicators" and self._unlabelled_total(line)):
            self._total(table, row, line)
            self.closed = True
            return 1
        if first.grade_label:
            self._grades(table, cells)
            return 1
        if self.closed:
            return 1
        if self.header.kind == "funds":
            self._funds(table, row, line)
        else:
            self._indicator(table, row, line)
        return 1

    def _unlabelled_total(self, line: _Line) -> bool:
        """A last row holding only "100分" (or "100分 / 96"): the table's total."""
        return len(line.cells) == 1 and bool(UNLABELLED_TOTAL.match(line.texts[0].compact)) and bool(self.form.leaves())

    def _total(self, table: Table, row: int, line: _Line) -> None:
        cells = line.cells
        total = Total(table.location(row, cells[0].col))
        numbers = []
        for cell, text in zip(cells, line.texts):
            lead = len(cell.text) - len(cell.text.lstrip())
            slash = SLASH_TOTAL.match(cell.text.strip())
            if slash:
                where = table.location(cell.row, cell.col)
                total.weight = span_figure(cell.text, slash.start("w") + lead, slash.end("w") + lead, where)
                total.score = span_figure(cell.text, slash.start("s") + lead, slash.end("s") + lead, where)
                self._grade_cells(table, cells)
                self.form.totals.append(total)
                return
            if text.score:
                numbers.append(_score_figure(table, cell, text.number))
        total.is_score = "得分" in line.texts[0].compact or any(grade_of(c.text) for c in cells)
        if len(numbers) >= 2:
            total.weight, total.score = numbers[-2], numbers[-1]
        elif numbers:
            total.single = numbers[0]
        else:
            self.form.gaps.append((total.location, "总分行没有可读的分数"))
            return
        self.form.totals.append(total)
        self._grade_cells(table, cells)

    def _grade_cells(self, table: Table, cells: list[Cell]) -> None:
        for cell in cells:
            grade = grade_of(cell.text)
            if grade:
                self.form.grades.append(Grade(cell.text.strip(), grade, table.location(cell.row, cell.col)))

    def _grades(self, table: Table, cells: list[Cell]) -> None:
        self._grade_cells(table, cells[1:])
        for cell in cells:  # "评价结果等次：优" in one cell
            match = re.search(r"[:：]\s*(\S+)$", cell.text.strip())
            if match and grade_of(match.group(1)):
                self.form.grades.append(Grade(match.group(1), grade_of(match.group(1)), table.location(cell.row, cell.col)))

    def _funds(self, table: Table, row: int, line: _Line) -> None:
        cells = line.cells
        numbers = [(c, t.number) for c, t in zip(cells, line.texts) if t.counts]
        if len(numbers) < 2:
            self._groups_only(table, row, line)
            return
        roles = self.header.roles
        if len(numbers) > len(roles):
            numbers = numbers[-len(roles):]
        if len(numbers) < len(roles):  # a short row: keep the cells that sit under their header
            by_col = self.header.role_of
            assigned = [(by_col[c.col], c, n) for c, n in numbers if c.col in by_col]
            if len(assigned) < len(numbers):
                self.form.gaps.append((table.location(row, cells[0].col), "预算执行情况行的数字与表头列对不上"))
                return
        else:
            assigned = [(role, c, n) for (_, role), (c, n) in zip(roles, numbers)]
        figures: dict[str, list[Figure]] = {}
        for role, cell, number in assigned:
            unit = number.unit
            if unit is None or role in ("weight", "score"):
                unit = "分" if role in ("weight", "score") else "%" if role == "rate" else self.header.unit
            figures.setdefault(role, []).append(
                Figure(number.text, number.value, unit, number.decimals, table.location(cell.row, cell.col)))
        label = " ".join(t.compact for t in line.texts if t.number is None)
        found = [w for c, t in zip(cells, line.texts) for w in _cell_weights(table, c, t)]
        self.form.funds.rows.append(FundsRow(label, row, table, figures, found[0] if found else None))

    def _groups_only(self, table: Table, row: int, line: _Line) -> None:
        """A row without numbers: its weighted labels declare groups ("年度目标1: (10分)");
        a lone short label in an indicator block declares a group without a weight yet."""
        cells = line.cells
        declared = False
        for cell, text in zip(cells, line.texts):
            weights = _cell_weights(table, cell, text)
            if weights and not text.weight_only:
                self.declare(cell.text, cell.col, table.location(cell.row, cell.col), weights)
                declared = True
        if declared or self.header.kind != "indicators" or len(cells) != 1:
            return
        text = line.texts[0]
        if len(text.compact) <= 12 and cells[0].col <= self.header.label_limit and not text.value_like:
            self.declare(cells[0].text, cells[0].col, table.location(row, cells[0].col), [])

    def _indicator(self, table: Table, row: int, line: _Line) -> None:
        cells = line.cells
        numbers = [(c, t.number) for c, t in zip(cells, line.texts) if t.score]
        if not numbers:
            self._groups_only(table, row, line)
            return
        roles = self.header.roles
        if len(numbers) >= len(roles):
            numbers = numbers[-len(roles):]
            placed = zip(roles, numbers)
        else:  # a short row: each number must sit under its own column
            by_col = self.header.role_of
            if not all(c.col in by_col for c, _ in numbers):
                self.form.gaps.append((table.location(row, cells[0].col), "指标行的分值/得分与表头列对不上"))
                return
            placed = [((c.col, by_col[c.col]), (c, n)) for c, n in numbers]
        first_number = numbers[0][0].col
        weight_slot = self.header.weight_slot
        weights: list[Figure | None] = [None] * len(weight_slot)
        score = None
        for (col, role), (cell, number) in placed:
            if role == "weight":
                weights[weight_slot[col]] = _score_figure(table, cell, number)
            else:
                score = _score_figure(table, cell, number)
        # one pass over the cells left of the numbers and right of them: labels (text cells within
        # the header's label columns, or carrying a weight, that are not target values), the
        # target/actual values, a "——" marking a subtotal, and a scoring rule's range ("得0-2分")
        labels: list[tuple[Cell, _Text]] = []
        values: list[str] = []
        rules: list[tuple[Cell, _Text]] = []
        subtotal = False
        label_limit = self.header.label_limit + 1
        for cell, text in zip(cells, line.texts):
            number = text.number
            if number is None and "分" in text.compact:
                rules.append((cell, text))
            if cell.col > first_number:
                subtotal = subtotal or text.dash
            elif cell.col < first_number and not text.dash:
                if number is None and (text.label_weight or (cell.col <= label_limit and not text.value_like)):
                    labels.append((cell, text))
                else:
                    values.append(cell.text.strip())
        if labels:  # a label resets the deeper columns' labels (those right of the row's first label)
            self.carry = {c: t for c, t in self.carry.items() if c < labels[0][0].col}
            for cell, _ in labels:
                self.carry[cell.col] = cell.text
        for cell, text in labels if subtotal else labels[:-1]:
            found = _cell_weights(table, cell, text)
            if found:
                self.declare(cell.text, cell.col, table.location(cell.row, cell.col), found)
        if subtotal and labels and labels[-1][0].col < self.header.label_limit:
            last = labels[-1][0]
            group = self.declare(last.text, last.col, table.location(row, last.col), [])
            if not group.stated_weights:
                group.stated_weights = weights
                group.stated_score = score
            return
        label_cell, label_text = labels[-1] if labels else (None, None)
        label = label_cell.text if label_cell else ""
        where = table.location(row, label_cell.col if label_cell else first_number)
        parent = self.top()
        leaf = Leaf(label, where, parent, weights=weights, score=score, values=values,
                    label_weights=_cell_weights(table, label_cell, label_text) if label_cell else [],
                    path=list(self.carry.values()))
        for cell, text in rules:
            span = text.rule_max
            if span and cell is not label_cell:
                leaf.rule_max = span_figure(cell.text, *span, table.location(cell.row, cell.col))
        parent.children.append(leaf)

    def caption(self, paragraph: Paragraph) -> None:
        """A short caption between two pieces of a table: "（20分）" completes the
        weight of the group label the previous piece ended with."""
        text = paragraph.text
        match = LABEL_WEIGHT.search(text)
        if not match or not WEIGHT_ONLY_CELL.match(compact(text)) or not self.stack:
            return
        group = self.stack[-1]
        if not group.declared and not group.children:
            group.declared.append(_span_figure(text, match, "n", paragraph.location))


def _apply_codes(form: Form) -> None:
    """When most indicators carry codes, rebuild the tree from the codes: a node's
    parent is the group whose code is the longest proper prefix of its own (C213
    belongs to C2 wherever it was printed); a group printed twice is one group."""
    leaves = form.leaves()
    if not leaves or sum(1 for leaf in leaves if leaf.code) < 0.6 * len(leaves):
        return
    groups: dict[str, Group] = {}
    for group in form.groups():
        if group.code is None:
            continue
        if group.code in groups:
            first = groups[group.code]
            first.declared.extend(f for f in group.declared if all(f is not d for d in first.declared))
        else:
            groups[group.code] = group
    for group in groups.values():
        group.children = []
    form.root.children = [leaf for leaf in leaves if leaf.code is None]
    for node in list(groups.values()) + [leaf for leaf in leaves if leaf.code]:
        parent = form.root
        for cut in range(len(node.code) - 1, 0, -1):
            if node.code[:cut] in groups:
                parent = groups[node.code[:cut]]
                break
        node.parent = parent
        parent.children.append(node)


def _is_short_caption(block: Paragraph) -> bool:
    return len(compact(block.text)) <= SHORT_CAPTION


@once_per
def score_forms(doc: Document) -> list[Form]:
    """Every 绩效自评 form of the document, in order."""
    reader = _Reader()
    between: list[Paragraph] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                between.append(block)
            continue
        if reader.form is not None and (reader.closed or not all(_is_short_caption(p) for p in between)):
            reader.finish()
        elif reader.form is not None:
            for paragraph in between:
                reader.caption(paragraph)
        between = []
        reader.read(block)
        if reader.form is not None and block.index not in reader.form.tables:
            reader.form.tables.append(block.index)
    reader.finish()
    for form in reader.forms:
        if not form.has_content() and form.tables:
            form.gaps.append((Location(table=form.tables[0], row=0, col=0), "识别到评分表表头，但未读到任何指标行"))
    return reader.forms


# ---------------------------------------------------------------- aggregation

def _value_sum(figures: list[Figure]) -> Decimal:
    return sum((f.value for f in figures), Decimal(0))


def preferred_declaration(group: Group) -> Figure | None:
    """The group's declared weight: the declaration its children add up to, else the first."""
    if not group.declared:
        return None
    children = children_weight_parts(group, -1)
    if children is not None:
        added = _value_sum(children)
        for figure in group.declared:
            if figure.value == added:
                return figure
    return group.declared[0]


def weight_parts(node: Node, column: int) -> list[Figure] | None:
    """The figures whose sum is a node's weight in a weight column (-1 = the primary
    one): a subtotal row's weight, a group's declared weight, else its children's;
    None when a weight is missing."""
    if isinstance(node, Leaf):
        figure = node.weights[column] if node.weights and -len(node.weights) <= column < len(node.weights) else None
        return [figure] if figure is not None else None
    stated = node.stated_weights[column] if node.stated_weights else None
    if stated is not None:
        return [stated]
    if column in (-1, len(node.stated_weights) - 1) or not node.stated_weights:
        declared = preferred_declaration(node)
        if declared is not None:
            return [declared]
    return children_weight_parts(node, column)


def children_weight_parts(group: Group, column: int) -> list[Figure] | None:
    return _children_parts(group, column, lambda child: weight_parts(child, column))


def _children_parts(group: Group, key: object, parts_of) -> list[Figure] | None:
    """The parts of each child of a group (``parts_of``), together; None when a child's are
    missing. Worked out once per group and key (shared: do not modify)."""
    try:
        return group.sums[key]
    except KeyError:
        pass
    parts: list[Figure] | None = [] if group.children else None
    for child in group.children:
        found = parts_of(child)
        if found is None:
            parts = None
            break
        parts.extend(found)
    group.sums[key] = parts
    return parts


def score_parts(node: Node) -> list[Figure] | None:
    """The figures whose sum is a node's score: a leaf's 得分, a subtotal row's stated
    score, else the sum of its children's; None when a score is missing."""
    if isinstance(node, Leaf):
        return [node.score] if node.score is not None else None
    if node.stated_score is not None:
        return [node.stated_score]
    return children_score_parts(node)


def children_score_parts(group: Group) -> list[Figure] | None:
    return _children_parts(group, "score", score_parts)


def label_of(node: Node) -> str:
    return compact(node.label) or node.location.describe()


def named(form: Form, name: str) -> Group | list[Leaf] | None:
    """The form's group called ``name`` ("部门职能" finds "A2部门职能（10分）"), else the
    indicators filed under a label of that name (an unweighted 二级指标), else None."""
    key = _name_key(name)
    if not key:
        return None
    groups, filed = _names(form)
    if key in groups:
        return groups[key]
    return list(filed[key]) if key in filed else None


@once_per
def _names(form: Form) -> tuple[dict[str, Group], dict[str, list[Leaf]]]:
    """The form's groups by name (the first of a name) and its indicators by the names of the
    labels above them: every sentence naming a group looks it up here."""
    groups: dict[str, Group] = {}
    for group in form.groups():
        groups.setdefault(_name_key(group.name), group)
    filed: dict[str, list[Leaf]] = {}
    for leaf in form.leaves():
        for key in dict.fromkeys(_name_key(name_of(label)) for label in leaf.path[:-1]):
            filed.setdefault(key, []).append(leaf)
    return groups, filed


_NAME_NOISE = re.compile(r"整体支出|整体|总体")


def _name_key(name: str) -> str:
    """Names compared without the words reports add: "部门整体支出绩效" is "部门绩效"."""
    return _NAME_NOISE.sub("", name)


GENERIC_WORDS = re.compile(
    r"\d{4}年度?|项目支出|部门整体支出|整体支出|绩效自评|绩效评价|自评综述|自评表|评价表|指标体系|综述|"
    r"项目|专项|经费|资金|绩效|自评|评价|部门|单位|[“”\"'（）()《》:：，,。、\s]"
)


def _common_run(a: str, b: str) -> int:
    """Length of the longest common substring (names are short)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def form_spoken_of(forms: list[Form], subject: str, whole_department: bool) -> Form | None:
    """The form a sentence's overall score speaks of: among forms of the same kind
    (整体 or 项目), the only one, else the one whose name shares the longest run of
    characters (≥ 4, generic words removed) with the sentence."""
    kind = [f for f in forms if f.is_whole_department == whole_department]
    if len(kind) == 1 and (whole_department or len([f for f in forms if not f.is_whole_department]) == 1):
        return kind[0]
    words = GENERIC_WORDS.sub("", subject)
    names = [GENERIC_WORDS.sub("", f.name or f.title) for f in kind]
    scored = sorted(((_common_run(name, words), i) for i, name in enumerate(names)), reverse=True)
    if not scored:
        return None
    best, index = scored[0]
    enough = best >= 2 and best >= min(4, len(names[index]))  # "采暖经费" is just 采暖 once generic words go
    if enough and (len(scored) == 1 or scored[1][0] < best):
        return kind[index]
    return None
