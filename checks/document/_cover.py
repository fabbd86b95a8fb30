"""The kind and report year of a disclosure, read once per document (DOC001 and DOC003 both ask)."""

from __future__ import annotations

from auditor.doctype import DocumentType, document_type
from auditor.memo import once_per
from auditor.model import Document


@once_per
def disclosure(doc: Document) -> DocumentType:
    return document_type(doc)
