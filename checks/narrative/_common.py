"""Shared wording and arithmetic for the narrative checks (not a check module)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from auditor.claims import Token
from auditor.findings import Checked, Finding, describe_gap, severity_for
from auditor.model import Figure, Severity
from auditor.numbers import format_amount, unit_scale
from auditor.relations import broken_relation
from auditor.rounding import Outcome, Quantity, Verdict, compare, quantity, round_half_up

HUNDRED = Decimal(100)


def printed(token: Token) -> Figure:
    """The figure as printed (before a unit correction), for findings and coverage."""
    if token.printed_unit is None:
        return token.figure
    return token.figure._replace(unit=token.printed_unit)


def named(token: Token) -> str:
    """「教育支出 25552618.58万元」: the label and the figure as printed."""
    label = token.subject or token.label
    return f"「{label}{token.figure.text}」" if label else f"「{token.figure.text}」"


def sentence(token: Token, before: int = 50, after: int = 20) -> str:
    """The words around a token within its sentence, to quote in a message."""
    passage = token.passage
    start = max(passage.sentence_start(token.start), token.start - before)
    end = min(passage.sentence_end(token.end) + 1, token.end + after, len(passage.text))
    text = passage.text[start:end].strip()
    return ("…" if start > passage.sentence_start(token.start) else "") + text + \
        ("…" if end < passage.sentence_end(token.end) else "")


def agrees(token: Token, other: Figure) -> bool:
    """One quantity printed twice: equal as printed when printed alike (same unit and decimals,
    so rounded alike); else equal within the rounding of both."""
    mine = token.figure
    if mine.unit == other.unit and mine.decimals == other.decimals:
        return mine.value == other.value
    return compare(mine, quantity(other)).outcome is not Outcome.MISMATCH


def in_unit(q: Quantity, unit: str | None) -> Decimal:
    return q.point / unit_scale(unit)


def show(value: Decimal, decimals: int = 2) -> str:
    return format_amount(value, decimals)


def truncated(verdict: Verdict, expected: Quantity, stated: Figure) -> bool:
    """The stated figure is the recomputation cut (not rounded) to its decimals."""
    cut = (expected.point / unit_scale(stated.unit)).quantize(Decimal(1).scaleb(-stated.decimals), rounding="ROUND_DOWN")
    return verdict.outcome is Outcome.MISMATCH and cut == stated.value


Wording = Callable[[], tuple[str, str]]  # (message, arithmetic) of a finding: worded only when there is one


def percentage_finding(check, pct: Token, ratio: Quantity, part: Token, whole: Token, wording: Wording,
                       relation: tuple, severity: Severity) -> Finding | Checked:
    """A stated percentage of ``part`` in ``whole`` compared with their ``ratio`` (``verdict_finding``).
    "结案率100%" / "完成预算的100%" says the two amounts are equal (DOMAIN rule 43): a finding
    when they differ (see ``agrees``), though the ratio rounds to 100% (831 ÷ 832 = 99.88%)."""
    if pct.figure.value == HUNDRED and compare(pct.figure, ratio).outcome is not Outcome.MISMATCH and \
            not agrees(part, whole.figure):
        return check.finding(
            f"{wording()[0]}为{pct.figure.text}，即两数相等，但{named(part)}≠{named(whole)}",
            severity=severity, figures=(printed(pct), printed(part), printed(whole)), stated=pct.figure.value,
            relation=relation, confidence="inferred")
    return verdict_finding(check, pct, ratio, [part, whole], wording, relation, severity)


def verdict_finding(check, stated: Token, expected: Quantity, inputs: list[Token], wording: Wording,
                    relation: tuple, severity: Severity) -> Finding | Checked:
    """Compare ``stated`` with ``expected``: Checked when it holds, info when rounding (or a
    truncation of rounded amounts) explains the gap, a warning when the stated figure is
    one unit off in its last decimal, else a finding of ``severity``."""
    verdict = compare(stated.figure, expected)
    figures = (printed(stated),) + tuple(printed(t) for t in inputs)
    level = severity_for(verdict, severity)
    note = ""
    if level is not None and truncated(verdict, expected, stated.figure):
        # cut instead of rounded: info when the inputs are rounded amounts, a warning when
        # they are exact (counts, 元 to the fen) and the stated figure is provably not the rounding
        level = Severity.INFO if expected.half_width > 0 else min(level, Severity.WARNING)
        note = "（系截断而非四舍五入）"
    if level is None:
        return Checked(figures)
    if level is Severity.ERROR and abs(verdict.difference) == Decimal(1).scaleb(-stated.figure.decimals):
        level, note = Severity.WARNING, "（末位相差1）"  # likely rounded from unprinted decimals
    shown = verdict._replace(tolerance=round_half_up(verdict.tolerance, verdict.decimals + 2).normalize())
    gap = describe_gap("文中", "重算", shown)
    message, arithmetic = wording()
    return broken_relation(check, verdict, level, f"{message}：{gap}{note}", figures, arithmetic, relation,
                           confidence="inferred")

