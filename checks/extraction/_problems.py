"""The one way extraction problems recorded by a reader become findings."""

from __future__ import annotations

from typing import Iterator

from auditor.findings import Finding
from auditor.model import Document
from auditor.registry import Check


def problem_findings(check: Check, doc: Document, kind: str, label: str) -> Iterator[Finding]:
    """One finding per recorded problem of ``kind``; the message names the place (a page-level
    problem has no table or paragraph to group it under) and what was seen."""
    for problem in doc.problems:
        if problem.kind == kind:
            yield check.finding(f"{label}（{problem.location.describe()}）：{problem.detail}",
                                location=problem.location, relation=("extraction", kind, problem.location))
