"""Build small real .docx files in tests (python-docx), including the shapes the
samples lack: merged header cells, vertical merges, nested tables, content
controls and tracked changes (raw XML)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

Rows = Sequence[Sequence[str]]


def add_table(document, rows: Rows, merges: Sequence[tuple[int, int, int, int]] = ()):
    """A table with ``rows``; each merge (r1, c1, r2, c2) merges that rectangle and
    keeps the text of its top-left cell."""
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c in range(width):
            table.cell(r, c).text = row[c] if c < len(row) else ""
    for r1, c1, r2, c2 in merges:
        text = table.cell(r1, c1).text
        merged = table.cell(r1, c1).merge(table.cell(r2, c2))
        merged.text = text
    return table


def build_docx(path: Path, *blocks) -> Path:
    """Blocks in order: a str is a paragraph, ("h1", text) a heading, a list of rows a table,
    (rows, merges) a table with merged cells."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif isinstance(block, tuple) and block and block[0] in ("h1", "h2", "h3"):
            document.add_heading(block[1], level=int(block[0][1]))
        elif isinstance(block, tuple):
            add_table(document, block[0], block[1])
        else:
            add_table(document, block)
    document.save(path)
    return path


def wrap_last_paragraph_in_sdt(path: Path) -> None:
    """Move the last body paragraph into a block content control (w:sdt)."""
    document = docx.Document(path)
    p = document.paragraphs[-1]._p
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    p.addprevious(sdt)
    sdt.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent").append(p)
    document.save(path)


def add_tracked_paragraph(path: Path, kept: str, inserted: str, deleted: str) -> None:
    """A paragraph with plain text, a tracked insertion and a tracked deletion."""
    document = docx.Document(path)
    xml = (
        f"<w:p {nsdecls('w')}><w:r><w:t>{kept}</w:t></w:r>"
        f"<w:ins w:id='1' w:author='a'><w:r><w:t>{inserted}</w:t></w:r></w:ins>"
        f"<w:del w:id='2' w:author='a'><w:r><w:delText>{deleted}</w:delText></w:r></w:del></w:p>"
    )
    document.element.body.insert(len(document.element.body) - 1, parse_xml(xml))
    document.save(path)


def nest_table(path: Path, outer_index: int, row: int, col: int, rows: Rows) -> None:
    """Put a new table inside cell (row, col) of top-level table ``outer_index``."""
    document = docx.Document(path)
    cell = document.tables[outer_index].cell(row, col)
    inner = cell.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            inner.cell(r, c).text = value
    document.save(path)


def set_header_text(path: Path, text: str) -> None:
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = text
    document.save(path)


__all__ = ["add_table", "build_docx", "wrap_last_paragraph_in_sdt", "add_tracked_paragraph", "nest_table",
           "set_header_text"]
