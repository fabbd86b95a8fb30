"""Where a pattern matched: a paragraph span, or a span inside a table cell's text."""

from __future__ import annotations

import re
from typing import Callable, Iterator

from auditor.memo import once_per
from auditor.model import Cell, Document, Location, Paragraph, Table
from auditor.numbers import normalise, parse_cell


@once_per  # several checks scan the same texts with different patterns
def _texts(doc: Document) -> list[tuple[Paragraph | Table, Cell | None, str, str]]:
    """The document's texts in order: (block, cell or None, text, normalised text)."""
    texts = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            texts.append((block, None, block.text, normalise(block.text)))
        else:  # cells holding only a number cannot match a text pattern: skip them early
            texts.extend((t, c, c.text, normalise(c.text)) for t in block.iter_tables() for c in t.cells
                         if c.text.strip() and parse_cell(c.text) is None)
    return texts


def text_spans(doc: Document, pattern: re.Pattern, cells: bool = True,
               needs: str | Callable[[str], object] = "") -> Iterator[tuple[Location, re.Match, str]]:
    """Every match of ``pattern`` in body paragraphs (and table cells): its location
    (with the character span), the match and the whole text it was found in.
    Matching runs on the normalised text, whose positions are those of the original.
    ``needs``: a string every match contains, or a cheap test every text holding a match
    passes; other texts are not scanned (a big alternation gives re no prefix to skip by)."""
    may_match = (lambda norm: needs in norm) if isinstance(needs, str) else needs
    for block, cell, text, norm in _texts(doc):
        if (cell is not None and not cells) or not may_match(norm):
            continue
        for match in pattern.finditer(norm):
            where = block.location if cell is None else block.location(cell.row, cell.col)
            yield where.with_span(match.start(), match.end()), match, text
