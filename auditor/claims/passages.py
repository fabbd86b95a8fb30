"""Running text as the claim grammar reads it: passages of joined paragraphs.

A sentence of a disclosure is often broken over several paragraphs: a list
introduced by "其中：" continues in the next paragraphs, and page breaks split
words ("完成年初预" / "算的95.19%"). A *passage* joins consecutive body
paragraphs until one ends a sentence (。！？) or a heading starts; text cells of
tables are passages of their own. Every figure of the passage is the very
``Figure`` of ``auditor.figures`` (same location, so coverage counts it), placed
at its offset in the joined text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from auditor.claims.labels import BOUNDARY
from auditor.model import Document, Figure, Location, Paragraph, Table
from auditor.numbers import normalise, parse_cell
from auditor.tables import layout

SENTENCE_END = "。！？!?"
SEGMENT_END = "；;。！？"
CLAUSE_END_AT = re.compile(f"[{re.escape(BOUNDARY)}]")  # BOUNDARY holds the sentence and segment ends
# "1760.86万" / "5.23亿": a bare magnitude is money in this prose; numbers.find_in_prose
# leaves it out (it may be 万人), so the grammar reads it where the context is money.
BARE_MAGNITUDE = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(万|亿)(?![元人户件个张次份名])")
NAMED_AFTER = "元人户件个张次份名"  # what may follow 万/亿 (as in 万元, 万人): no bare magnitude then
MONEY_CONTEXT = re.compile(r"(收入|支出|资金|经费|金额|预算|决算|拨款|投资|费)[^，。；]{0,6}$")


class Placed(NamedTuple):  # a tuple: built for every prose figure
    """A figure of a passage and its span in the passage text."""

    figure: Figure
    start: int
    end: int


@dataclass(eq=False)
class Passage:
    index: int
    text: str  # normalised (full-width forms folded), same length as printed
    figures: list[Placed]
    section: str
    heading: bool = False  # the passage is a heading line

    @cached_property
    def _clause_marks(self) -> list[int]:
        """Offsets of the clause boundaries, read once (the grammar asks for them at every figure);
        sentence and segment ends are among them."""
        return [m.start() for m in CLAUSE_END_AT.finditer(self.text)]

    @cached_property
    def _ends(self) -> list[int]:
        text = self.text
        return [i for i in self._clause_marks if text[i] in SENTENCE_END]

    @cached_property
    def _segment_marks(self) -> list[int]:
        text = self.text
        return [i for i in self._clause_marks if text[i] in SEGMENT_END]

    def clause_start(self, pos: int) -> int:
        """Just after the last clause boundary (，；。：、…) before ``pos``."""
        i = bisect_left(self._clause_marks, pos)
        return self._clause_marks[i - 1] + 1 if i else 0

    def label_before(self, start: int, floor: int) -> str:
        """The words right before ``start`` back to a clause boundary (not before ``floor``);
        "预算金额：8.92万元" reads past the colon."""
        text = self.text
        i = max(floor, self.clause_start(start))
        if i > floor and text[i - 1] in "：:" and not text[i:start].strip():
            return self.label_before(i - 1, floor)
        return text[i:start]

    def segment_marks(self, start: int, end: int) -> list[int]:
        """The offsets of the ；/; between start and end within one sentence."""
        marks = self._segment_marks
        return marks[bisect_left(marks, start):bisect_left(marks, end)]

    def segment_start(self, pos: int) -> int:
        """Just after the last ；/。/！/？ before ``pos``."""
        i = bisect_left(self._segment_marks, pos)
        return self._segment_marks[i - 1] + 1 if i else 0

    def sentence_start(self, pos: int) -> int:
        i = bisect_left(self._ends, pos)
        return self._ends[i - 1] + 1 if i else 0

    def sentence_end(self, pos: int) -> int:
        i = bisect_left(self._ends, pos)
        return self._ends[i] if i < len(self._ends) else len(self.text)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return not stripped or stripped[-1] in SENTENCE_END


def _bare_money(text: str, norm: str, where: Location, taken: list[Figure]) -> list[Figure]:
    spans = [(f.location.start, f.location.end) for f in taken]
    out = []
    for match in BARE_MAGNITUDE.finditer(norm):
        start, end = match.span()
        if any(a < end and start < b for a, b in spans) or not MONEY_CONTEXT.search(norm[max(0, start - 12):start]):
            continue
        number = match.group(1)
        decimals = len(number.split(".")[1]) if "." in number else 0
        out.append(Figure(text[start:end], Decimal(number), match.group(2) + "元", decimals,
                          where.with_span(start, end)))
    return out


def _place(loc: Location) -> tuple:
    """A paragraph or cell, whatever span inside it."""
    return loc.part, loc.paragraph, loc.table, loc.nested, loc.row, loc.col, loc.page


def _has_bare_magnitude(norm: str) -> bool:
    """A 万/亿 not followed by its unit: counting is cheaper than the pattern, and usually enough."""
    for magnitude in "万亿":
        n = norm.count(magnitude)
        if n and n != sum(norm.count(magnitude + unit) for unit in NAMED_AFTER):
            return True
    return False


def _unit_figures(text: str, norm: str, where: Location, known: dict[tuple, list[Figure]]) -> list[Figure]:
    figures = known.get(_place(where), [])  # in text order
    if _has_bare_magnitude(norm):
        figures = sorted(figures + _bare_money(text, norm, where, figures), key=lambda f: f.location.start)
    return figures


def _prose_figures_by_place(doc: Document) -> dict[tuple, list[Figure]]:
    """The document's figures in running text (paragraphs, text cells) by paragraph or cell:
    read once for the whole audit, not again for the passages."""
    by_place: dict[tuple, list[Figure]] = {}
    for fig in doc.figures:
        loc = fig.location
        if loc.start is not None:
            by_place.setdefault(_place(loc), []).append(fig)
    return by_place


class _Builder:
    def __init__(self, known: dict[tuple, list[Figure]]) -> None:
        self.known = known
        self.passages: list[Passage] = []
        self.parts: list[tuple[str, Location]] = []
        self.section = ""
        self.heading = False

    def add(self, text: str, where: Location) -> None:
        self.parts.append((text, where))

    def flush(self) -> None:
        if not self.parts:
            return
        chunks, figures, offset = [], [], 0
        for text, where in self.parts:
            norm = normalise(text)
            for fig in _unit_figures(text, norm, where, self.known):
                figures.append(Placed(fig, offset + fig.location.start, offset + fig.location.end))
            chunks.append(norm)
            offset += len(text)
        self.passages.append(Passage(len(self.passages), "".join(chunks), figures, self.section, self.heading))
        self.parts = []
        self.heading = False


def passages(doc: Document) -> list[Passage]:
    builder = _Builder(_prose_figures_by_place(doc))
    previous: Paragraph | None = None
    for block in doc.blocks:
        if isinstance(block, Table):
            builder.flush()
            previous = None
            for table in block.iter_tables():
                _cells(builder, table)
            continue
        if block.index is None or not block.text.strip():
            continue
        starts_anew = previous is None or block.heading_level or previous.heading_level \
            or _ends_sentence(previous.text)
        if starts_anew:
            builder.flush()
            builder.section = block.section
            builder.heading = bool(block.heading_level)
        builder.add(block.text, block.location)
        previous = block
    builder.flush()
    return builder.passages


def _cells(builder: _Builder, table: Table) -> None:
    """Text cells below the header are running text (the narrative of a 自评表)."""
    header = layout(table).header_rows
    title = None
    for cell in table.cells:
        if cell.row < header or len(cell.text) < 8 or parse_cell(cell.text) is not None:
            continue
        title = title if title is not None else table.title
        builder.section = title
        builder.add(cell.text, table.location(cell.row, cell.col))
        builder.flush()
