"""The schema failures of a document's statements, validated once and shared by SCH001–SCH003."""

from __future__ import annotations

from typing import Iterator

from auditor.findings import Checked, Finding
from auditor.memo import once_per
from auditor.model import Document
from auditor.registry import Check
from auditor.statements import Statement, book
from auditor.statements.schema import Problem, problems


@once_per
def schema_problems(doc: Document) -> list[tuple[Statement, Problem]]:
    return [(s, p) for s in book(doc).statements for p in problems(s)]


def report(check: Check, doc: Document, kind: str, message: str) -> Iterator[Finding | Checked]:
    """One finding per failing cell of ``kind``; ``message`` is formatted with the problem's fields."""
    for statement, problem in schema_problems(doc):
        if problem.check == kind:
            yield check.finding(
                statement.where + message.format(text=problem.text, column=problem.column),
                location=problem.location, relation=("schema", kind, problem.location),
            )
