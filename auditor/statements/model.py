"""What a recognised statement is: its kind, its sides and column blocks, its lines.

A statement is one standard disclosure table (公开01–10表 and their 部门预算
counterparts), possibly continued over several Word tables. Its grid columns
are read into *sides*: a run of label columns (编码, 名称/项目) followed by
amount columns. A one-sided table has one side; 收入 | 支出 tables have two;
the 基本支出明细表 has several blocks side by side. Each data row of a side is
a ``Line``: code, name, level, and one figure per amount column.

Blank amount cells are figures too: ``text == ""`` and value 0 (a blank in a
statement means nothing was spent or received). A cell that holds text which
is not a number has no figure (``None``): the schema reports it, and relations
that need it are not evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterator

from auditor.model import Figure, Table
from auditor.numbers import without_spaces

FUNCTIONAL_LEVELS = {3: "类", 5: "款", 7: "项"}
ECONOMIC_LEVELS = {3: "类", 5: "款"}
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))")


@lru_cache(maxsize=1 << 12)  # line labels are compared by many statement checks
def plain(text: str) -> str:
    """A label without spaces, outline numbering ("一、", "(二)", "3.") and 其中 prefixes."""
    text = NUMBERING.sub("", without_spaces(text))
    return _SUCH_AS.sub("", text)


_SUCH_AS = re.compile(r"^其中[:：]")


def is_blank(figure: Figure | None) -> bool:
    return figure is not None and figure.text == ""


@dataclass(frozen=True)
class Kind:
    key: str  # "summary", "income", …: what checks select on
    name: str  # the 决算 name, for messages
    classified: bool  # rows are classification codes (类/款/项)


@dataclass(eq=False)
class Column:
    key: str  # header text above the column ("本年支出/基本支出"), joined with "/"
    col: int  # grid column
    table: Table


@dataclass(eq=False)
class Line:
    side: int
    table: Table
    row: int
    code: str | None
    name: str  # label as printed, spaces removed
    amounts: dict[str, Figure | None]  # column key → figure (blank cells: value 0, text "")
    level: str | None = None  # 类/款/项 when the row carries a code
    section: str = ""  # the nearest section heading row above ("二、机关运行经费")
    printed_code: str = ""  # the code as printed, also when malformed ("2080l01")

    @cached_property  # asked for by every check that picks lines by their words
    def label(self) -> str:
        return plain(self.name)

    @cached_property  # asked for every relation the line takes part in; code and name are final
    def title(self) -> str:
        """How messages name the line: "2080101 行政运行", "本年收入合计"."""
        return f"{self.code} {self.name}" if self.code else self.name

    def figures(self) -> list[Figure]:
        return [f for f in self.amounts.values() if f is not None]

    def is_empty(self) -> bool:
        """No printed amount: every cell blank or unreadable."""
        return not self._printed

    @cached_property  # asked for every row a message names; the amounts are final once the line is read
    def _printed(self) -> bool:
        return any(f is not None and f.text for f in self.amounts.values())


@dataclass(eq=False)
class Side:
    index: int
    heading: str  # the text over the side's label columns ("收入", "人员经费"), if any
    columns: list[Column]
    lines: list[Line] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


@dataclass(eq=False)
class Statement:
    kind: Kind
    title: str
    tables: list[Table]
    unit: str | None
    sides: list[Side]
    raw: dict[tuple[int, int, int], str] = field(default_factory=dict)  # (table, row, col) → amount text
    reading: tuple = field(default=(), repr=False)  # column roles, sides, keys: to read continuations

    @property
    def lines(self) -> list[Line]:
        return [line for side in self.sides for line in side.lines]

    @property
    def table(self) -> Table:
        return self.tables[0]

    def coded(self) -> list[Line]:
        return [line for line in self.lines if line.code]

    def by_code(self) -> dict[str, Line]:
        out: dict[str, Line] = {}
        for line in self.coded():
            out.setdefault(line.code, line)
        return out

    def figures(self) -> Iterator[Figure]:
        """Every printed amount (blanks excluded)."""
        for side in self.sides:
            for line in side.lines:
                for figure in line.amounts.values():
                    if figure is not None and figure.text:
                        yield figure

    def is_empty(self) -> bool:
        return next(self.figures(), None) is None

    @cached_property  # asked for every relation of the statement; the title is final
    def where(self) -> str:
        return f"「{self.title}」"
