"""The rounding rule: a printed figure is an interval; exact units are points."""

from decimal import Decimal

import pytest

from auditor.model import Figure, Location
from auditor.rounding import Outcome, Quantity, compare, quantity, ratio, total


def fig(text: str, unit: str | None) -> Figure:
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Figure(text, Decimal(text), unit, decimals, Location(paragraph=0))


def test_yuan_to_the_fen_is_exact_so_one_fen_is_a_mismatch():
    parts = [(1, fig("100.00", "元")), (1, fig("200.01", "元"))]
    assert compare(fig("300.01", "元"), total(parts)).outcome is Outcome.HOLDS
    verdict = compare(fig("300.02", "元"), total(parts))
    assert verdict.outcome is Outcome.MISMATCH
    assert (verdict.stated, verdict.expected, verdict.difference) == (
        Decimal("300.02"), Decimal("300.01"), Decimal("0.01"))


def test_wan_yuan_difference_inside_the_envelope_is_rounding():
    # three 2-decimal parts and a total: envelope 0.005 × 4 = 0.02 万元
    parts = [(1, fig("1.01", "万元")), (1, fig("2.01", "万元")), (1, fig("3.01", "万元"))]
    assert compare(fig("6.03", "万元"), total(parts)).outcome is Outcome.HOLDS
    assert compare(fig("6.05", "万元"), total(parts)).outcome is Outcome.ROUNDING  # Δ = 0.02: on the edge
    assert compare(fig("6.06", "万元"), total(parts)).outcome is Outcome.MISMATCH  # Δ = 0.03: beyond


def test_envelope_edge_for_one_part():
    # total 1.00 vs part 0.99: intervals [0.995,1.005] and [0.985,0.995] touch → rounding
    assert compare(fig("1.00", "万元"), total([(1, fig("0.99", "万元"))])).outcome is Outcome.ROUNDING
    assert compare(fig("1.00", "万元"), total([(1, fig("0.98", "万元"))])).outcome is Outcome.MISMATCH


def test_mixed_units_convert_to_yuan():
    # 93,750 元 is 9.375 万元, printed 9.38 万元 (half-up): holds
    assert compare(fig("9.38", "万元"), quantity(fig("93750.00", "元"))).outcome is Outcome.HOLDS
    assert compare(fig("9.37", "万元"), quantity(fig("93750.00", "元"))).outcome is Outcome.ROUNDING


def test_percentage_is_the_recomputation_rounded_to_its_decimals():
    share = ratio(quantity(fig("368789.90", "元")), quantity(fig("1811046.82", "元")))
    assert compare(fig("20.36", "%"), share).outcome is Outcome.HOLDS
    assert compare(fig("20.4", "%"), share).outcome is Outcome.HOLDS
    assert compare(fig("31.25", "%"), share).outcome is Outcome.MISMATCH


def test_percentage_from_rounded_inputs_allows_their_rounding():
    # 0.05 / 0.15 万元 = 33.33%, but the printed inputs may be [0.045, 0.055] / [0.145, 0.155]
    rate = ratio(quantity(fig("0.05", "万元")), quantity(fig("0.15", "万元")))
    assert compare(fig("33.33", "%"), rate).outcome is Outcome.HOLDS
    assert compare(fig("35.00", "%"), rate).outcome is Outcome.ROUNDING
    assert compare(fig("40.00", "%"), rate).outcome is Outcome.MISMATCH


def test_percentage_off_beyond_the_inputs_rounding_is_a_mismatch():
    # 4.68 / 180.73 = 2.5895…%: the inputs' rounding spans 2.5867…2.5923, so 2.60 is not explained
    rate = ratio(quantity(fig("4.68", "万元")), quantity(fig("180.73", "万元")))
    assert compare(fig("2.59", "%"), rate).outcome is Outcome.HOLDS
    assert compare(fig("2.60", "%"), rate).outcome is Outcome.MISMATCH


def test_no_ratio_on_a_zero_base():
    assert ratio(Quantity.exact(Decimal(5)), Quantity.exact(Decimal(0))) is None
    assert ratio(Quantity.exact(Decimal(5)), quantity(fig("0.00", "万元"))) is None


@pytest.mark.parametrize("unit", ["人", "件", "个", "分"])
def test_counts_and_scores_are_exact(unit):
    assert compare(fig("9", unit), total([(1, fig("8", unit))])).outcome is Outcome.MISMATCH


def test_integer_yuan_carries_rounding_of_half_a_yuan():
    assert compare(fig("100", "元"), total([(1, fig("99", "元"))])).outcome is Outcome.ROUNDING
