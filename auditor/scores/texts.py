"""Every text of a document, listed once: the checks that look for a statement made
anywhere (grade bands, scoring formulas) read them from here, not each on its own."""

from __future__ import annotations

from auditor.memo import once_per
from auditor.model import Document


@once_per
def document_texts(doc: Document) -> tuple[list[str], list[str]]:
    """The texts of the body paragraphs and of every table cell (nested tables too), in order."""
    return [p.text for p in doc.paragraphs], [c.text for t in doc.all_tables for c in t.cells]
