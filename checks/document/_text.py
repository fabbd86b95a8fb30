"""Where a pattern matched: a paragraph span, or a span inside a table cell's text."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from auditor.model import Document, Location, Paragraph
from auditor.numbers import normalise, parse_cell


def text_spans(doc: Document, pattern: re.Pattern, cells: bool = True) -> Iterator[tuple[Location, re.Match, str]]:
    """Every match of ``pattern`` in body paragraphs (and table cells): its location
    (with the character span), the match and the whole text it was found in.
    Matching runs on the normalised text, whose positions are those of the original."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            sources = [(block.location, block.text)]
        elif cells:  # cells holding only a number cannot match a text pattern: skip them early
            sources = [(t.location(c.row, c.col), c.text) for t in block.iter_tables() for c in t.cells
                       if c.text.strip() and parse_cell(c.text) is None]
        else:
            continue
        for where, text in sources:
            for match in pattern.finditer(normalise(text)):
                yield replace(where, start=match.start(), end=match.end()), match, text
