"""Running text as the claim grammar reads it: passages of joined paragraphs.

A sentence of a disclosure is often broken over several paragraphs: a list
introduced by "其中：" continues in the next paragraphs, and page breaks split
words ("完成年初预" / "算的95.19%"). A *passage* joins consecutive body
paragraphs until one ends a sentence (。！？) or a heading starts; text cells of
tables are passages of their own. Every figure of the passage is the very
``Figure`` of ``auditor.figures`` (same location, so coverage counts it), placed
at its offset in the joined text. Passages are numbered in text order; one that
can take part in no claim (see ``WORDS_WITHOUT_FIGURES``) keeps its number but is
not built.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, NamedTuple, Sequence

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
# What the grammar reads in a passage without figures: a flat statement ("与上年持平"), a colon
# opening a list in the passages after it ("其中："), a class heading naming the class of the next
# passage's amounts ("X（类）"). A passage with none of them, no figure and no heading takes part
# in no claim: it is numbered but not kept (most text cells of a table).
FLAT_WORDS = ("持平", "相同", "一致", "无变化")
WORDS_WITHOUT_FIGURES = (*FLAT_WORDS, "：", ":", "类")


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
    # read on first use (not cached_property: in Python 3.11 its first read takes a lock, per passage)
    _marks: tuple[list[int], list[int]] | None = field(default=None, init=False, repr=False)
    _segments: list[int] | None = field(default=None, init=False, repr=False)
    _parentheses: list[int] | None = field(default=None, init=False, repr=False)

    def _read_marks(self) -> tuple[list[int], list[int]]:
        """Offsets of the clause boundaries, and among them of the sentence ends: read once (the
        grammar asks for them at every figure)."""
        text = self.text
        clauses = [m.start() for m in CLAUSE_END_AT.finditer(text)]
        self._marks = (clauses, [i for i in clauses if text[i] in SENTENCE_END])
        return self._marks

    @property
    def _segment_marks(self) -> list[int]:
        """Offsets of the segment ends (；/; and the sentence ends), read when first asked (seldom)."""
        if self._segments is None:
            text = self.text
            self._segments = [i for i in (self._marks or self._read_marks())[0] if text[i] in SEGMENT_END]
        return self._segments

    @property
    def parentheses(self) -> list[int]:
        """Offsets of the parentheses, opening and closing, in order (found once: they are few)."""
        if self._parentheses is None:
            self._parentheses = offsets(self.text, "（()）")
        return self._parentheses

    def clause_start(self, pos: int) -> int:
        """Just after the last clause boundary (，；。：、…) before ``pos``."""
        marks = (self._marks or self._read_marks())[0]
        i = bisect_left(marks, pos)
        return marks[i - 1] + 1 if i else 0

    def label_before(self, start: int, floor: int) -> str:
        """The words right before ``start`` back to a clause boundary (not before ``floor``);
        "预算金额：8.92万元" reads past the colon. (Asked at every figure: the clause start inline.)"""
        marks = (self._marks or self._read_marks())[0]
        i = bisect_left(marks, start)
        i = marks[i - 1] + 1 if i else 0
        text = self.text
        if i <= floor:
            return text[floor:start]
        if text[i - 1] in "：:" and not text[i:start].strip():
            return self.label_before(i - 1, floor)
        return text[i:start]

    def closing_parenthesis(self, pos: int) -> int | None:
        """The offset of the parenthesis closing the one ``pos`` is in, or None."""
        text, parentheses = self.text, self.parentheses
        i = bisect_left(parentheses, pos)
        depth = 0
        for at in reversed(parentheses[:i]):
            if text[at] in "）)":
                depth += 1
            elif depth == 0:
                break
            else:
                depth -= 1
        else:
            return None
        for at in parentheses[i:]:
            if text[at] in "（(":
                depth += 1
            elif depth == 0:
                return at
            else:
                depth -= 1
        return None

    def segment_marks(self, start: int, end: int) -> list[int]:
        """The offsets of the ；/; between start and end within one sentence."""
        marks = self._segment_marks
        return marks[bisect_left(marks, start):bisect_left(marks, end)]

    def segment_start(self, pos: int) -> int:
        """Just after the last ；/。/！/？ before ``pos``."""
        marks = self._segment_marks
        i = bisect_left(marks, pos)
        return marks[i - 1] + 1 if i else 0

    def sentence_start(self, pos: int) -> int:
        ends = (self._marks or self._read_marks())[1]
        i = bisect_left(ends, pos)
        return ends[i - 1] + 1 if i else 0

    def sentence_end(self, pos: int) -> int:
        ends = (self._marks or self._read_marks())[1]
        i = bisect_left(ends, pos)
        return ends[i] if i < len(ends) else len(self.text)


def offsets(text: str, words: Iterable[str]) -> list[int]:
    """Where any of ``words`` (characters of a string, or strings) starts in ``text``, in order:
    for a few rare words, ``str.find`` does less work than a pattern trying every character."""
    out = []
    for word in words:
        at = text.find(word) if word in text else -1  # ``in`` is cheaper still, and most words are absent
        while at >= 0:
            out.append(at)
            at = text.find(word, at + 1)
    out.sort()
    return out


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return not stripped or stripped[-1] in SENTENCE_END


def _bare_money(text: str, norm: str, where: Location, taken: list[Figure]) -> list[Figure]:
    spans = [(f.location.start, f.location.end) for f in taken]
    out = []
    for magnitude in "万亿":
        at = norm.find(magnitude)
        while at >= 0:
            match = _bare_magnitude_at(norm, at)
            if match:
                start, end = match.span()
                if not any(a < end and start < b for a, b in spans) and \
                        MONEY_CONTEXT.search(norm[max(0, start - 12):start]):
                    number = match.group(1)
                    decimals = len(number.split(".")[1]) if "." in number else 0
                    out.append(Figure(text[start:end], Decimal(number), match.group(2) + "元", decimals,
                                      where.with_span(start, end)))
            at = norm.find(magnitude, at + 1)
    return out


def _bare_magnitude_at(norm: str, at: int) -> re.Match | None:
    """The match of ``BARE_MAGNITUDE`` ending with the 万/亿 at ``at``: searched from the start of
    the digits before it, not over the whole text."""
    after = norm[at + 1:at + 2]
    if not at or not norm[at - 1].isdecimal() or after and after in NAMED_AFTER:
        return None
    start = at - 1
    while start and (norm[start - 1].isdecimal() or norm[start - 1] in ".,"):
        start -= 1
    return BARE_MAGNITUDE.search(norm, start, at + 2)  # the pattern looks behind start and reads at + 1


def _has_bare_magnitude(norm: str, figures: Sequence[Figure]) -> bool:
    """A 万/亿 not followed by its unit. Each figure printed in 万…/亿… (万元, 万人, 亿元…) holds one
    followed by its unit: the text is counted further only when it holds more."""
    if "万" not in norm and "亿" not in norm:  # most text
        return False
    for magnitude in "万亿":
        if magnitude in norm:
            n = norm.count(magnitude)
            if n > sum(1 for f in figures if f.unit.startswith(magnitude)) and \
                    n != sum(norm.count(magnitude + unit) for unit in NAMED_AFTER):
                return True
    return False


def _prose_figures(doc: Document) -> tuple[dict[tuple, list[Figure]], dict[tuple, dict[tuple, list[Figure]]]]:
    """The document's figures in running text, read once for the whole audit (not again for the
    passages), in text order: by paragraph (part, index), and by table (part, index, nested), then
    cell (row, col)."""
    paragraphs: dict[tuple, list[Figure]] = {}
    tables: dict[tuple, dict[tuple, list[Figure]]] = {}
    for fig in doc.figures:
        loc = fig.location
        if loc.start is None:
            continue
        if loc.table is None:
            paragraphs.setdefault((loc.part, loc.paragraph), []).append(fig)
        else:
            tables.setdefault((loc.part, loc.table, loc.nested), {}).setdefault((loc.row, loc.col), []).append(fig)
    return paragraphs, tables


class _Builder:
    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.count = 0  # passages read, kept or not
        self.parts: list[tuple[str, Sequence[Figure], Location]] = []
        self.section = ""
        self.heading = False

    def add(self, text: str, figures: Sequence[Figure], where: Location) -> None:
        """A paragraph or cell, with its figures (in text order) and its location."""
        self.parts.append((text, figures, where))

    def flush(self) -> None:
        if not self.parts:
            return
        chunks, placed, offset = [], [], 0
        for text, figures, where in self.parts:
            norm = normalise(text)
            if _has_bare_magnitude(norm, figures):
                figures = sorted([*figures, *_bare_money(text, norm, where, figures)], key=lambda f: f.location.start)
            if figures:
                placed += [Placed(fig, offset + fig.location.start, offset + fig.location.end) for fig in figures]
            chunks.append(norm)
            offset += len(text)
        text = "".join(chunks)
        if placed or self.heading or any(map(text.__contains__, WORDS_WITHOUT_FIGURES)):
            self.passages.append(Passage(self.count, text, placed, self.section, self.heading))
        self.count += 1
        self.parts = []
        self.heading = False


def passages(doc: Document) -> list[Passage]:
    in_paragraphs, in_tables = _prose_figures(doc)
    builder = _Builder()
    previous: Paragraph | None = None
    for block in doc.blocks:
        if isinstance(block, Table):
            builder.flush()
            previous = None
            for table in block.iter_tables():
                _cells(builder, table, in_tables.get((table.part, table.index, table.nested), {}))
            continue
        if block.index is None or not block.text.strip():
            continue
        starts_anew = previous is None or block.heading_level or previous.heading_level \
            or _ends_sentence(previous.text)
        if starts_anew:
            builder.flush()
            builder.section = block.section
            builder.heading = bool(block.heading_level)
        builder.add(block.text, in_paragraphs.get((block.part, block.index), ()), block.location)
        previous = block
    builder.flush()
    return builder.passages


def _cells(builder: _Builder, table: Table, figures: dict[tuple, list[Figure]]) -> None:
    """Text cells below the header are running text (the narrative of a 自评表); ``figures``:
    those of the table's cells by (row, col)."""
    header = layout(table).header_rows
    for cell in [cell for cell in table.cells if len(cell.text) >= 8]:  # most cells are short: dropped in one pass
        if cell.row < header or parse_cell(cell.text) is not None:
            continue
        builder.section = table.title
        builder.add(cell.text, figures.get((cell.row, cell.col), ()), table.location(cell.row, cell.col))
        builder.flush()
