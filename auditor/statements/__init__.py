"""Standard statement tables (公开01–10表 and their 部门预算 counterparts), recognised and typed.

``book(doc)`` recognises the statements of a document once (cached per
document): kind, title, sides, lines (code, name, level, one figure per amount
column). ``auditor.statements.schema`` turns a statement into a pandas frame and
validates it with the pandera schema of its kind (pandas is imported there only).
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.memo import once_per
from auditor.model import Document, Table
from auditor.statements.model import (
    Column,
    Kind,
    Line,
    Side,
    Statement,
    is_blank,
    plain,
)

__all__ = ["Book", "book", "Column", "Kind", "Line", "Side", "Statement", "is_blank", "plain"]


@dataclass(eq=False)
class Book:
    statements: list[Statement]
    gaps: list[tuple[Table, str]]  # tables titled like a statement that could not be read

    def of(self, *keys: str) -> list[Statement]:
        return [s for s in self.statements if s.kind.key in keys]

    def first(self, key: str) -> Statement | None:
        return next(iter(self.of(key)), None)


@once_per
def book(doc: Document) -> Book:
    from auditor.statements.recognise import recognise

    return Book(*recognise(doc))
