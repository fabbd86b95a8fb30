"""Findings are data: what is wrong, the numbers, and every figure involved.

A check yields ``Finding`` for a broken relation and ``Checked`` for a relation
it verified, so the engine can count coverage (figures that took part in at
least one check) without knowing any check.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from auditor.model import Figure, Location, Severity
from auditor.numbers import format_amount
from auditor.rounding import Outcome, Verdict


@dataclass(frozen=True)
class Checked:
    """A relation a check verified; its figures count as cross-checked. ``relation`` (optional)
    names it like ``Finding.relation``: a lower-priority check's finding on it is then dropped."""

    figures: tuple[Figure, ...]
    relation: tuple = ()


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str
    figures: tuple[Figure, ...] = ()  # the stated figure first, then the ones it was compared with
    stated: Decimal | None = None
    expected: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    arithmetic: str = ""
    location: Location | None = None  # where to show it; defaults to the first figure's
    confidence: str = "high"  # "high" for table arithmetic, "inferred" for prose readings
    relation: tuple = ()  # names the relation, e.g. ("sum", total location, "column"); see relation_key
    fingerprint: str = ""  # set by the engine
    anchor: str = field(default="", compare=False)  # what the fingerprint is built from

    @property
    def where(self) -> Location | None:
        if self.location is not None:
            return self.location
        return self.figures[0].location if self.figures else None

    def relation_key(self) -> object:
        """Identity of the broken relation, so two checks never report it twice:
        the explicit ``relation`` when the check names one, else the set of figures."""
        return self.relation or frozenset(f.location for f in self.figures)

    def with_fingerprint(self, fingerprint: str, anchor: str) -> "Finding":
        return replace(self, fingerprint=fingerprint, anchor=anchor)

    def to_record(self) -> dict:
        where = self.where
        return {
            "check": self.check,
            "severity": self.severity.label,
            "confidence": self.confidence,
            "message": self.message,
            "fingerprint": self.fingerprint,
            "stated": _str(self.stated),
            "expected": _str(self.expected),
            "difference": _str(self.difference),
            "tolerance": _str(self.tolerance),
            "arithmetic": self.arithmetic,
            "location": where.to_record() if where else None,
            "figures": [f.to_record() for f in self.figures],
        }


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def severity_for(verdict: Verdict, mismatch: Severity = Severity.ERROR) -> Severity | None:
    """HOLDS → no finding; ROUNDING → info (尾差); MISMATCH → the check's severity."""
    if verdict.outcome is Outcome.HOLDS:
        return None
    return Severity.INFO if verdict.outcome is Outcome.ROUNDING else mismatch


def describe_gap(stated_label: str, expected_label: str, verdict: Verdict) -> str:
    """"合计 85,813,977.30 ≠ 各项之和 85,813,977.31，差 -0.01（尾差）"."""
    d = verdict.decimals
    text = (
        f"{stated_label} {format_amount(verdict.stated, d)} ≠ {expected_label} "
        f"{format_amount(verdict.expected, d)}，差 {format_amount(verdict.difference, d)}"
    )
    if verdict.outcome is Outcome.ROUNDING:
        text += f"（尾差：在四舍五入误差 ±{verdict.tolerance} 以内）"
    return text


def sum_arithmetic(parts: list[tuple[int, Figure]], result: Decimal, decimals: int) -> str:
    """"a + b − c = result" with each part as printed."""
    pieces = []
    for i, (sign, fig) in enumerate(parts):
        op = ("" if i == 0 else " + ") if sign >= 0 else (" − " if i else "−")
        pieces.append(f"{op}{fig.text}")
    return f"{''.join(pieces) or '0'} = {format_amount(result, decimals)}"
