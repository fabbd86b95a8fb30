"""Turning an arithmetic relation into a verified record or a finding.

Every check that compares a stated figure with a sum of other figures calls
``check_sum``; the rounding rule, the message wording and the arithmetic shown
come from here, so all checks speak alike.
"""

from __future__ import annotations

from typing import Sequence

from auditor.findings import Checked, Finding, describe_gap, severity_for, sum_arithmetic
from auditor.model import Figure, Severity
from auditor.rounding import Quantity, Verdict, compare, total


def broken_relation(check, verdict: Verdict, level: Severity, message: str, figures: Sequence[Figure],
                    arithmetic: str, relation: tuple = (), confidence: str = "high") -> Finding:
    """The finding for a broken comparison: the verdict's numbers, the figures, the arithmetic."""
    return check.finding(
        message,
        severity=level,
        figures=tuple(figures),
        stated=verdict.stated,
        expected=verdict.expected,
        difference=verdict.difference,
        tolerance=verdict.tolerance,
        arithmetic=arithmetic,
        relation=relation,
        confidence=confidence,
    )


def check_sum(
    check,
    stated: Figure,
    parts: Sequence[tuple[int, Figure]],
    stated_label: str,
    expected_label: str,
    relation: tuple = (),
    severity: Severity | None = None,
    context: str = "",
) -> Finding | Checked:
    """stated = Σ sign·part, rounding-aware. ``context`` prefixes the message (where it is)."""
    verdict = compare(stated, total(parts))
    figures = (stated,) + tuple(fig for _, fig in parts)
    level = severity_for(verdict, severity or check.severity)
    if level is None:
        return Checked(figures)
    message = context + describe_gap(stated_label, expected_label, verdict)
    return broken_relation(check, verdict, level, message, figures,
                           sum_arithmetic(list(parts), verdict.expected, verdict.decimals), relation)


def check_value(
    check,
    stated: Figure,
    expected: Quantity,
    inputs: Sequence[Figure],
    stated_label: str,
    expected_label: str,
    arithmetic: str,
    relation: tuple = (),
    severity: Severity | None = None,
    confidence: str = "high",
) -> Finding | Checked:
    """stated = an expected quantity recomputed from ``inputs`` (a ratio, a conversion)."""
    verdict = compare(stated, expected)
    figures = (stated,) + tuple(inputs)
    level = severity_for(verdict, severity or check.severity)
    if level is None:
        return Checked(figures)
    return broken_relation(check, verdict, level, describe_gap(stated_label, expected_label, verdict),
                           figures, arithmetic, relation, confidence)
