"""Claims read from the running text of a document (see ``model`` and ``grammar``).

``claims(doc)`` reads them once per document (cached); checks in
``checks/narrative/`` verify them. ``coverage(doc)`` gives (claims found, claims
whose operands were all resolved), the figures the report shows next to the
count of prose figures that took part in a check.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from auditor.claims.model import Balance, Breakdown, Change, Claims, Rate, Share, Token
from auditor.memo import once_per
from auditor.model import Document, Figure

__all__ = ["Balance", "Breakdown", "Change", "Claims", "Rate", "Share", "Token", "claim_figures", "claims", "coverage",
           "unit_fixes"]


@dataclass(eq=False)
class _Reading:
    claims: Claims
    unit_fixes: list  # (token, the figure proving its unit, the proof in words)


@once_per
def _read(doc: Document) -> _Reading:
    from auditor.claims.grammar import build
    from auditor.claims.passages import passages

    return _Reading(*build(passages(doc), _table_money(doc)))


def _table_money(doc: Document) -> dict[Decimal, list[tuple[Figure, str]]]:
    """Money figures of the tables by value, each with "「table title」row label"."""
    from auditor.tables import row_label, table_figures

    index: dict[Decimal, list[tuple[Figure, str]]] = {}
    for table in doc.all_tables:
        money = [f for f in table_figures(table) if f.unit in ("元", "万元", "亿元")]
        title = table.title if money else ""
        rows: dict[int, str] = {}
        for fig in money:
            row = fig.location.row
            if row not in rows:
                rows[row] = f"「{title}」{row_label(table, row)}"
            index.setdefault(fig.value, []).append((fig, rows[row]))  # equal Decimals share a key: 1.5 is 1.50
    return index


def claims(doc: Document) -> Claims:
    return _read(doc).claims


def unit_fixes(doc: Document) -> list:
    return _read(doc).unit_fixes


def claim_figures(doc: Document, resolved: bool = True) -> list[Figure]:
    """The printed figures taking part in the claims (only resolved claims by default),
    once each, in document order: what the narrative mutation test mistypes."""
    seen: dict = {}
    for claim in claims(doc).all:
        if resolved and not claim.resolved:
            continue
        for token in claim.tokens:
            fig = token.figure if token.printed_unit is None else token.figure._replace(unit=token.printed_unit)
            seen.setdefault(fig.location, fig)
    return sorted(seen.values(), key=lambda f: f.location.sort_key())


def coverage(doc: Document) -> tuple[int, int]:
    """(claims found, claims checked): every share, rate, change, breakdown and balance the grammar
    recognised, and those whose operands were all resolved (so a check verified them)."""
    found = claims(doc).all
    return len(found), sum(1 for c in found if c.resolved)
