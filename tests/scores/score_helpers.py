"""Helpers for the score-family tests: small documents built in the test and audited
by the PRF checks alone."""

from __future__ import annotations

from pathlib import Path

from auditor.engine import audit_document
from auditor.extract import assemble
from auditor.extract.text import split_blocks
from checks.scores._load import score_checks


def text_doc(text: str):
    """A document from .txt-like lines: tab-separated cells make table rows."""
    return assemble(Path("t.txt"), split_blocks(text.strip("\n").split("\n")))


def audit(doc, *codes: str):
    checks = [c for c in score_checks() if not codes or c.code in codes]
    return audit_document(doc, checks)

