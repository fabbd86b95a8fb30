"""Builders for statement tests: small .docx documents made with python-docx."""

from __future__ import annotations

import docx
import pytest

from auditor.extract import read_document


def _table(document, rows, merges=()):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text:
                table.cell(i, j).text = text
    for r1, c1, r2, c2 in merges:
        text = table.cell(r1, c1).text
        table.cell(r1, c1).merge(table.cell(r2, c2)).text = text
    return table


@pytest.fixture
def build(tmp_path):
    """build(block, …) → Document; a block is a paragraph (str), a list of rows, or (rows, merges)
    with merges (row1, col1, row2, col2) merged as Word does (gridSpan / vMerge)."""
    def make(*blocks, name="t.docx"):
        document = docx.Document()
        for block in blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
            elif isinstance(block, tuple):
                _table(document, *block)
            else:
                _table(document, block)
        path = tmp_path / name
        document.save(path)
        return read_document(path)
    return make
