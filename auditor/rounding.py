"""Rounding-aware comparison: the one rule every check uses.

A printed figure stands for an interval: the printed value ± half a unit in its
last printed place (12.35 万元 is [12.345, 12.355] 万元). Some figures are exact:
amounts in 元 printed to the fen, counts (人, 件, 个 …) and scores (分). Sums and
differences add intervals; ratios divide them.

Comparing a stated figure with a recomputed value gives one of three outcomes:

- ``HOLDS``    the recomputed value, rounded half-up to the stated figure's
               decimals, is the stated value;
- ``ROUNDING`` it is not, but the two intervals overlap: the gap can be explained
               by the rounding of the printed figures alone (a 尾差, reported as
               ``info``, never as an ``error``);
- ``MISMATCH`` the intervals do not overlap: a real discrepancy.

For n two-decimal 万元 parts and a two-decimal total this is the envelope
|Δ| ≤ 0.005·(n+1) 万元; for 元 amounts to the fen it is Δ = 0 exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Iterable, NamedTuple

from auditor.model import Figure
from auditor.numbers import COUNT_UNITS, unit_scale

ZERO = Decimal(0)
EXACT_UNITS = frozenset(COUNT_UNITS) | {"分"}


class Quantity(NamedTuple):
    """A value with the interval it may stand for, in base units (元, 人次, %). A named tuple
    whose + and − are interval arithmetic (not concatenation): built in C, as thousands are."""

    point: Decimal
    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> "Quantity":
        return cls(value, value, value)

    def __add__(self, other: "Quantity") -> "Quantity":
        return Quantity(self.point + other.point, self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Quantity") -> "Quantity":
        return Quantity(self.point - other.point, self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> "Quantity":
        return Quantity(-self.point, -self.hi, -self.lo)

    def scaled(self, factor: Decimal) -> "Quantity":
        a, b = self.lo * factor, self.hi * factor
        return Quantity(self.point * factor, min(a, b), max(a, b))

    def overlaps(self, other: "Quantity") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    @property
    def half_width(self) -> Decimal:
        return (self.hi - self.lo) / 2


def is_exact(figure: Figure) -> bool:
    """元 to the fen, counts and scores are exact; everything else was rounded for print."""
    return _step(figure.unit, figure.decimals)[1] == 0


_STEPS: dict[tuple[str | None, int], tuple[Decimal, Decimal]] = {}


def _step(unit: str | None, decimals: int) -> tuple[Decimal, Decimal]:
    """(base units per printed unit, half of the last printed place in base units; 0 when exact),
    the same few pairs asked for by every figure of every check."""
    try:
        return _STEPS[unit, decimals]
    except KeyError:
        scale = unit_scale(unit)
        exact = decimals >= 2 if unit == "元" else unit in EXACT_UNITS
        step = _STEPS[unit, decimals] = (scale, ZERO if exact else Decimal("0.5").scaleb(-decimals) * scale)
        return step


def quantity(figure: Figure) -> Quantity:
    """The interval a printed figure stands for, converted to its base unit."""
    scale, half = _step(figure.unit, figure.decimals)
    value = figure.value * scale if scale != 1 else figure.value
    if not half:
        return Quantity(value, value, value)
    return Quantity(value, value - half, value + half)


def total(signed_parts: Iterable[tuple[int, Figure]]) -> Quantity:
    """Σ sign·part, with the intervals added."""
    point = lo = hi = ZERO
    for sign, figure in signed_parts:
        p, low, high = quantity(figure)
        if sign >= 0:
            point, lo, hi = point + p, lo + low, hi + high
        else:
            point, lo, hi = point - p, lo - high, hi - low
    return Quantity(point, lo, hi)


def ratio(numerator: Quantity, denominator: Quantity, factor: Decimal = Decimal(100)) -> Quantity | None:
    """numerator / denominator × factor with interval bounds; None on a zero base."""
    if denominator.point == 0 or denominator.lo <= 0 <= denominator.hi:
        return None
    corners = [a / b * factor for a in (numerator.lo, numerator.hi) for b in (denominator.lo, denominator.hi)]
    return Quantity(numerator.point / denominator.point * factor, min(corners), max(corners))


class Outcome(Enum):
    HOLDS = "holds"
    ROUNDING = "rounding"
    MISMATCH = "mismatch"


class Verdict(NamedTuple):
    """The outcome and its numbers, in the stated figure's own unit."""

    outcome: Outcome
    stated: Decimal
    expected: Decimal
    difference: Decimal  # stated − expected
    tolerance: Decimal  # the largest gap rounding alone could explain
    decimals: int

    @property
    def holds(self) -> bool:
        return self.outcome is Outcome.HOLDS


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    quantum = _QUANTA.get(decimals)
    if quantum is None:
        quantum = _QUANTA[decimals] = Decimal(1).scaleb(-decimals)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


_QUANTA: dict[int, Decimal] = {}  # decimals → the quantum to round to (1, 0.1, 0.01 …)


def compare(stated: Figure, expected: Quantity) -> Verdict:
    """Compare a printed figure with a recomputed quantity (in base units)."""
    scale, half = _step(stated.unit, stated.decimals)
    rounded = round_half_up(expected.point / scale if scale != 1 else expected.point, stated.decimals)
    if rounded == stated.value:
        outcome = Outcome.HOLDS
    elif quantity(stated).overlaps(expected):
        outcome = Outcome.ROUNDING
    else:
        outcome = Outcome.MISMATCH
    tolerance = (half + expected.half_width) / scale  # half: the stated figure's own half-width
    return Verdict(outcome, stated.value, rounded, stated.value - rounded, tolerance.normalize(), stated.decimals)
