"""Every figure of a document: amounts in table cells and numbers-with-units in text.

Table cells that hold only a number are figures located at the cell (units from
``auditor.tables``). Running text — body paragraphs and text cells — yields the
numbers that carry a unit (元, 万元, %, 人, 分 …), located by character span.
"""

from __future__ import annotations

from auditor.model import Document, Figure, Location, Paragraph, Table
from auditor.numbers import find_in_prose
from auditor.tables import layout, table_figures, text_cells


def prose_figures(text: str, where: Location) -> list[Figure]:
    return [Figure(n.text, n.value, n.unit, n.decimals, where.with_span(n.start, n.end))
            for n in find_in_prose(text)]


def paragraph_figures(paragraph: Paragraph) -> list[Figure]:
    text = paragraph.text
    return prose_figures(text, paragraph.location) if find_in_prose(text) else []  # most state none


def text_cell_figures(table: Table) -> list[Figure]:
    """Numbers with units inside text cells (e.g. "全年新增就业5.53万人")."""
    header_rows = layout(table).header_rows
    out = []
    for cell in text_cells(table):
        if cell.row >= header_rows and find_in_prose(cell.text):  # (most hold none: no location is built)
            out.extend(prose_figures(cell.text, table.location(cell.row, cell.col)))
    return out


def document_figures(doc: Document) -> list[Figure]:
    figures: list[Figure] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            figures.extend(paragraph_figures(block))
        else:
            for table in block.iter_tables():
                figures.extend(table_figures(table))
                figures.extend(text_cell_figures(table))
    return figures
