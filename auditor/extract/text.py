"""The .txt reader for text extractions of disclosures.

A paragraph is a non-empty line without a tab. A table is a run of lines with
tabs, in one of two shapes: one row per line with tab-separated cells, or one
cell per line (each line starting with a tab) with blank lines between rows; a
line without a tab right after a one-cell line continues that cell.
Paragraphs and tables are numbered in order of appearance, like the .docx reader.
"""

from __future__ import annotations

import re
from pathlib import Path

from auditor.extract import ReadError, assemble
from auditor.model import Block, Cell, Document, Paragraph, Table

MAX_TEXT_BYTES = 50 * 1024 * 1024
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]\s*")


def _is_one_cell(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1 and bool(line.strip())


def _table_rows(run: list[str]) -> list[list[str]]:
    tab_lines = [r for r in run if "\t" in r]
    one_cell = sum(1 for r in tab_lines if _is_one_cell(r))
    if not tab_lines or one_cell / len(tab_lines) <= 0.8:
        return [[c.strip() for c in r.split("\t")] for r in run if r.strip()]
    rows: list[list[str]] = []
    row: list[str] = []
    for line in run:
        if "\t" not in line and not line.strip():
            if row:
                rows.append(row)
            row = []
        elif "\t" in line:
            row.append(line.split("\t", 1)[1].strip())
        elif row:
            row[-1] += "\n" + line.strip()
    if row:
        rows.append(row)
    return rows


def _grid(rows: list[list[str]], index: int) -> Table:
    width = max(len(r) for r in rows)
    grid = [[Cell(r, c, row[c] if c < len(row) else "") for c in range(width)] for r, row in enumerate(rows)]
    return Table(index=index, grid=grid)


def split_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    paragraphs = tables = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" not in line:
            if line.strip():
                blocks.append(Paragraph(paragraphs, line.strip()))
                paragraphs += 1
            i += 1
            continue
        run: list[str] = []
        while i < len(lines):
            cur = lines[i]
            if "\t" in cur or not cur.strip() or (run and _is_one_cell(run[-1])):
                run.append(cur)
                i += 1
            else:
                break
        while run and not run[-1].strip():
            run.pop()
        rows = _table_rows(run)
        if rows:
            blocks.append(_grid(rows, tables))
            tables += 1
    return blocks


def read_text(path: Path) -> Document:
    try:
        size = path.stat().st_size
        if size == 0:
            raise ReadError(f"{path}: empty file (0 bytes)")
        if size > MAX_TEXT_BYTES:
            raise ReadError(f"{path}: {size:,} bytes is larger than {MAX_TEXT_BYTES:,}: refused")
        raw = path.read_bytes()
    except OSError as err:
        raise ReadError(f"{path}: cannot open ({err.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise ReadError(f"{path}: not a text file (neither UTF-8 nor GB18030)") from None
    lines = [BOOKMARK.sub("", line.rstrip("\r")) for line in text.split("\n")]
    return assemble(path, split_blocks(lines))
