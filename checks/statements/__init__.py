"""Statement checks (STM…, SCH…): the arithmetic of the standard 决算/预算 tables,
within and between tables, on the statements recognised by ``auditor.statements``."""

from auditor.registry import metric


@metric("statements")
def statement_counts(doc) -> dict[str, int]:
    """Standard tables recognised and typed, and tables that looked like one but could not be read."""
    from auditor.statements import book

    recognised = book(doc)
    return {"recognised": len(recognised.statements), "unreadable": len(recognised.gaps),
            "amounts": sum(1 for s in recognised.statements for _ in s.figures())}
