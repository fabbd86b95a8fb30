"""Where a pattern matched: a paragraph span, or a span inside a table cell's text."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator

from auditor.memo import once_per
from auditor.model import Cell, Document, Location, Paragraph, Table
from auditor.numbers import normalise
from auditor.tables import text_cells

SEPARATOR = "\x00"  # between the texts of the corpus; no clue may match it
Clue = str | re.Pattern  # what a text must hold to be worth scanning (see texts_holding)


@dataclass(frozen=True)
class _Corpus:
    texts: list[tuple[Paragraph | Table, Cell | None, str, str]]  # (block, cell or None, text, normalised)
    joined: str  # the normalised texts, SEPARATOR between them
    starts: list[int]  # where each text begins in ``joined``


@once_per  # several checks scan the same texts with different patterns
def _corpus(doc: Document) -> _Corpus:
    """The document's texts in order, and all of them joined, to find the few holding a clue in one scan."""
    texts = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            texts.append((block, None, block.text, normalise(block.text)))
            continue
        for table in block.iter_tables():
            for cell in text_cells(table):  # cells holding only a number cannot match a text pattern
                texts.append((table, cell, cell.text, normalise(cell.text)))
    norms = [norm for _, _, _, norm in texts]
    starts, at = [], 0
    for norm in norms:
        starts.append(at)
        at += len(norm) + 1
    return _Corpus(texts, SEPARATOR.join(norms), starts)


def texts_holding(doc: Document, *clues: Clue, cells: bool = True
                  ) -> Iterator[tuple[Paragraph | Table, Cell | None, str, str]]:
    """The body paragraphs (and table cells) holding any of ``clues``, in document order, as
    (block, cell or None, text, normalised text); every text when no clue is given. A clue is
    a string, or a pattern that cannot match across texts (no SEPARATOR); each is searched
    once over the whole document (a big alternation gives re no prefix to skip by, and a
    test per text costs more than the scan)."""
    corpus = _corpus(doc)
    found = sorted(set().union(*(_holding(corpus, clue) for clue in clues))) if clues else range(len(corpus.texts))
    for i in found:
        block, cell, text, norm = corpus.texts[i]
        if cell is None or cells:
            yield block, cell, text, norm


def text_spans(doc: Document, pattern: re.Pattern, cells: bool = True,
               needs: Clue = "") -> Iterator[tuple[Location, re.Match, str]]:
    """Every match of ``pattern`` in body paragraphs (and table cells): its location
    (with the character span), the match and the whole text it was found in.
    Matching runs on the normalised text, whose positions are those of the original.
    ``needs``: a clue (``texts_holding``) every text holding a match holds: a string every
    match contains, or a pattern such texts match; only those texts are scanned."""
    for block, cell, text, norm in texts_holding(doc, *([needs] if needs else []), cells=cells):
        for match in pattern.finditer(norm):
            where = block.location if cell is None else block.location(cell.row, cell.col)
            yield where.with_span(match.start(), match.end()), match, text


def _holding(corpus: _Corpus, clue: Clue) -> Iterator[int]:
    """Indexes of the texts holding ``clue`` (never empty), in order."""
    search = (re.compile(re.escape(clue)) if isinstance(clue, str) else clue).search
    at = 0
    while (hit := search(corpus.joined, at)) is not None:
        i = bisect_right(corpus.starts, hit.start()) - 1
        yield i
        at = corpus.starts[i + 1] if i + 1 < len(corpus.starts) else len(corpus.joined)
