"""The document model every reader produces and every check consumes.

A document is an ordered sequence of blocks (paragraphs and tables). Tables keep
their grid: a merged cell appears once, at its origin, with its row and column
span; every covered grid position points back to that origin. Figures are the
numbers found in cells and sentences, each with the location it came from.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from functools import cached_property
from typing import Iterator, NamedTuple, Sequence


# a line ending in "…表" (or "…表（续）"); two characters before 表 suffice (an open-ended run
# would make the search quadratic on a long paragraph among the caption lines)
TABLE_TITLE = re.compile(r"[^\d\s]{2}表(?:[（(][^)）]*[)）])?\s*$")
NOT_A_TITLE = re.compile(r"^(?:(?:金额)?单位|部门|注|\d{4}\s*年度?$|公开\d+表$)")


class Severity(IntEnum):
    INFO = 10
    WARNING = 20
    ERROR = 30

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (error, warning, info)") from None


class Location(NamedTuple):
    """Where a figure or block sits.

    Table cells: ``table`` is the 0-based index among top-level tables in body
    order, ``row``/``col`` the origin of the cell in the grid. A cell of a table
    nested inside another cell adds ``nested``: the chain of (row, col, index)
    leading from the top-level table to the nested one.
    Paragraphs: ``paragraph`` is the 0-based index among body paragraphs outside
    tables, ``start``/``end`` the character span inside its text.
    ``part`` is "body" for the main story; content controls are "sdt".
    ``page`` is the 1-based page of a paginated source (PDF), else None.

    A named tuple, not a frozen dataclass: immutable all the same, and built and hashed
    in C — figures and checks make and compare locations by the thousand per document.
    """

    table: int | None = None
    row: int | None = None
    col: int | None = None
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    nested: tuple[tuple[int, int, int], ...] = ()
    part: str = "body"
    page: int | None = None

    @property
    def is_cell(self) -> bool:
        return self.table is not None

    def to_record(self) -> dict:
        if self.is_cell:
            record = {"table": self.table, "row": self.row, "col": self.col}
            if self.nested:
                record["nested"] = [{"row": r, "col": c, "table": k} for r, c, k in self.nested]
            if self.start is not None:  # a figure inside a cell's running text
                record.update(start=self.start, end=self.end)
        else:
            record = {"paragraph": self.paragraph, "start": self.start, "end": self.end}
        if self.part != "body":
            record["part"] = self.part
        if self.page is not None:
            record["page"] = self.page
        return record

    def describe(self) -> str:
        """A location a finance officer can find: 表3 第5行 第2列 / 第12段."""
        prefix = "内容控件 " if self.part != "body" else ""
        if self.page is not None:
            prefix = f"第{self.page}页 {prefix}"
        if self.is_cell:
            inner = "".join(f"（第{r + 1}行第{c + 1}列内嵌表{k + 1}）" for r, c, k in self.nested)
            where = f"表{self.table + 1}{inner}"
            if self.row is None:
                return prefix + where
            return f"{prefix}{where} 第{self.row + 1}行 第{self.col + 1}列"
        if self.paragraph is None:  # a whole page (e.g. a scanned one)
            return prefix.strip() or "整个文档"
        return f"{prefix}第{self.paragraph + 1}段"

    def with_span(self, start: int, end: int) -> "Location":
        """The same place narrowed to characters start–end."""
        return Location(self.table, self.row, self.col, self.paragraph, start, end, self.nested, self.part, self.page)

    def sort_key(self) -> tuple:
        return (self.part, self.table if self.is_cell else -1, self.nested,
                self.row or 0, self.col or 0, self.paragraph or 0, self.start or 0)


class Figure(NamedTuple):
    """A number as printed: raw text, value, unit, displayed decimals, location (a named tuple,
    like ``Location``: documents hold hundreds of figures and checks derive more)."""

    text: str
    value: Decimal
    unit: str | None
    decimals: int
    location: Location

    def to_record(self) -> dict:
        return {
            "text": self.text,
            "value": str(self.value),
            "unit": self.unit,
            "decimals": self.decimals,
            "location": self.location.to_record(),
        }


@dataclass(eq=False, slots=True)  # slotted: readers build a thousand per document
class Cell:
    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    tables: Sequence["Table"] = ()  # tables nested in this cell: a list when there are any


@dataclass(eq=False, slots=True)
class Paragraph:
    index: int | None  # None for text outside the body story (no contract index)
    text: str
    heading_level: int = 0  # 0 = body text; 1.. = Word heading level
    section: str = ""  # nearest heading above, for grouping in reports
    part: str = "body"
    page: int | None = None  # 1-based page where it starts (paginated sources)

    @property
    def location(self) -> Location:
        return Location(paragraph=self.index, part=self.part, page=self.page)


@dataclass(eq=False)
class Table:
    """A table grid. ``grid[r][c]`` is the origin cell covering that position (or None)."""

    index: int
    grid: list[list[Cell | None]]
    caption: list[str] = field(default_factory=list)  # paragraphs just above, nearest last
    section: str = ""
    nested: tuple[tuple[int, int, int], ...] = ()
    part: str = "body"
    row_pages: list[int] | None = None  # 1-based page of each grid row (paginated sources)

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @cached_property
    def n_cols(self) -> int:  # cached: readers build the grid once; checks call this per cell
        return max((len(r) for r in self.grid), default=0)

    @cached_property
    def cells(self) -> list[Cell]:
        """Origin cells in row-major order, each once."""
        seen: set[int] = set()
        out = []
        for row in self.grid:
            for cell in row:
                if cell is not None and id(cell) not in seen:
                    seen.add(id(cell))
                    out.append(cell)
        return out

    def cell_at(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.grid) and 0 <= col < len(self.grid[row]):
            return self.grid[row][col]
        return None

    @cached_property
    def _origins_by_row(self) -> dict[int, list[Cell]]:
        by_row: dict[int, list[Cell]] = {}
        for cell in self.cells:
            by_row.setdefault(cell.row, []).append(cell)
        return by_row

    def row_origins(self, row: int) -> list[Cell]:
        """Cells whose origin is in this row, left to right (indexed once: big tables stay linear)."""
        return list(self._origins_by_row.get(row, ()))

    def text_at(self, row: int, col: int) -> str:
        cell = self.cell_at(row, col)
        return cell.text if cell is not None else ""

    def location(self, row: int | None = None, col: int | None = None) -> Location:
        known = self._locations.get((row, col))
        if known is None:
            page = None
            if self.row_pages:
                page = self.row_pages[min(row or 0, len(self.row_pages) - 1)]
            known = self._locations[row, col] = Location(self.index, row, col, None, None, None, self.nested,
                                                         self.part, page)
        return known

    @cached_property
    def _locations(self) -> dict[tuple[int | None, int | None], Location]:
        """Locations handed out so far (frozen, so shared): checks ask for the same cells many times."""
        return {}

    def __setattr__(self, name: str, value) -> None:
        super().__setattr__(name, value)
        if name in ("index", "nested", "part", "row_pages"):  # what a location is made of
            self.__dict__.pop("_locations", None)

    @cached_property  # read after assembly, when the caption is final
    def title(self) -> str:
        """The nearest caption line naming a table (…表), else the nearest caption line,
        else the first cell's text."""
        lines = [line.strip() for line in reversed(self.caption) if line.strip()]
        for line in lines:
            if TABLE_TITLE.search(line):
                return line
        for line in lines:
            if not NOT_A_TITLE.match(line):
                return line
        return self.text_at(0, 0).strip()

    def iter_tables(self) -> Iterator["Table"]:
        """This table and every table nested in it, depth first."""
        yield self
        for inner in self._inner_tables:
            yield from inner.iter_tables()

    @cached_property
    def _inner_tables(self) -> list["Table"]:  # cached like ``cells``: asked for on every walk of the document
        return [inner for cell in self.cells for inner in cell.tables]


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class ExtractionProblem:
    """Something the reader could not read faithfully (reported by the EXT checks)."""

    kind: str  # "glyphs" | "no-text" | "grid" | "cache"
    location: Location
    detail: str  # what was seen, e.g. "(cid:123)" or the cell reference


@dataclass(eq=False)
class Document:
    path: str
    blocks: list[Block]
    problems: list[ExtractionProblem] = field(default_factory=list)  # filled by the reader

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        """Top-level tables in body order (nested ones via ``all_tables``)."""
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def all_tables(self) -> list[Table]:
        return [t for top in self.tables for t in top.iter_tables()]

    @cached_property
    def figures(self) -> list[Figure]:
        from auditor.figures import document_figures  # the figure rules live in one module

        return document_figures(self)
