"""Helpers shared by the score checks: the form context and sums of score figures."""

from __future__ import annotations

from decimal import Decimal

from auditor.findings import Checked, Finding, sum_arithmetic
from auditor.model import Figure, Severity
from auditor.relations import check_sum
from auditor.rounding import Outcome, Quantity, compare, total
from auditor.scores.forms import Form, children_score_parts, children_weight_parts


def where(form: Form) -> str:
    return f"「{form.display}」：" if form.display else ""


def plus(figures: list[Figure]) -> list[tuple[int, Figure]]:
    return [(1, f) for f in figures]


def sum_check(check, stated: Figure, parts: list[Figure], stated_label: str, expected_label: str,
              relation: tuple, form: Form | None, severity: Severity | None = None) -> Finding | Checked:
    """stated = Σ parts; the message starts with the form's name when one is given.
    Scores (分) are exact: a sum of scores is compared without rounding, so 16.01
    is not "16"; amounts go through the rounding rule."""
    context = where(form) if form else ""
    if stated.unit != "分" or any(p.unit != "分" for p in parts):
        return check_sum(check, stated, plus(parts), stated_label, expected_label,
                         relation=relation, severity=severity, context=context)
    expected = sum((p.value for p in parts), Decimal(0))
    if expected == stated.value:
        return Checked((stated, *parts))
    decimals = max([stated.decimals] + [p.decimals for p in parts])
    return check.finding(
        f"{context}{stated_label} {stated.text} ≠ {expected_label} {fmt(expected)}，差 {fmt(stated.value - expected)}",
        severity=severity or check.severity, figures=(stated, *parts), stated=stated.value, expected=expected,
        difference=stated.value - expected, tolerance=Decimal(0),
        arithmetic=sum_arithmetic(plus(parts), expected, decimals), relation=relation,
    )


def holds(stated: Figure, parts: list[Figure], extra: Decimal = Decimal(0)) -> bool:
    """stated = Σ parts + extra: exactly for scores, rounding-aware for amounts."""
    if stated.unit == "分" and all(p.unit == "分" for p in parts):
        return stated.value == sum((p.value for p in parts), extra)
    expected = total(plus(parts)) + Quantity.exact(extra)
    return compare(stated, expected).outcome is not Outcome.MISMATCH


def fmt(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


DEFAULT_FUNDS_WEIGHT = Decimal(10)  # 财预〔2020〕10号: 预算执行率 10分


def funds_total_row(form: Form):
    return form.funds.rows[0] if form.funds.rows else None


def score_readings(form: Form) -> list[tuple[str, list[Figure]]]:
    """Ways the form's total score may be built: the indicators alone, or the
    indicators plus the funds block's 得分 (layouts differ on this)."""
    parts = children_score_parts(form.root)
    if not parts:
        return []
    readings = [("各指标得分之和", parts)]
    row = funds_total_row(form)
    if row is not None and row.figures.get("score"):
        readings.append(("各指标得分与预算执行得分之和", parts + row.figures["score"][:1]))
    return readings


def funds_counted(form: Form) -> bool | None:
    """Whether the form's total score counts the funds block's 得分 (the reading in
    which a printed total holds); None when no printed total decides it."""
    readings = score_readings(form)
    if len(readings) < 2:
        return None
    for printed in form.totals:
        stated = printed.score or printed.single
        if stated is None:
            continue
        if holds(stated, readings[0][1]):
            return False
        if holds(stated, readings[1][1]):
            return True
    return None


def weight_readings(form: Form) -> list[tuple[str, list[Figure], Decimal]]:
    """Ways the total weight may be built: the indicator groups alone, or plus the
    funds block's 分值 (stated, or the default 10 when the block scores without one).
    When the total score shows whether the funds block counts, only that reading."""
    parts = children_weight_parts(form.root, -1)
    if not parts:
        return []
    readings = [("各指标分值之和", parts, Decimal(0))]
    row = funds_total_row(form)
    if row is not None:
        weight = form.funds.weight_of(row)
        if weight is not None:
            readings.append(("各指标分值与预算执行分值之和", parts + [weight], Decimal(0)))
        elif row.figures.get("score"):
            readings.append((f"各指标分值与预算执行默认分值{DEFAULT_FUNDS_WEIGHT}之和", parts, DEFAULT_FUNDS_WEIGHT))
    counted = funds_counted(form) if len(readings) > 1 else None
    if counted is not None:
        return readings[1:] if counted else readings[:1]
    return readings


def first_holding(stated: Figure, readings) -> tuple | None:
    for reading in readings:
        extra = reading[2] if len(reading) > 2 else Decimal(0)
        if holds(stated, reading[1], extra):
            return reading
    return None


def budget_of(row) -> Figure | None:
    """The budget a rate is measured against: 全年预算数 (adjusted), else 年初预算数."""
    found = row.figures.get("budget") or row.figures.get("initial")
    return found[-1] if found else None


def one(row, role: str) -> Figure | None:
    found = row.figures.get(role)
    return found[0] if found else None
