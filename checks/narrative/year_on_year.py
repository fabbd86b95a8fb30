"""NAR004 — a year-on-year change agrees with the current and prior figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from auditor.claims import Change, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.rounding import ratio
from checks.narrative._common import in_unit, named, printed, show, verdict_finding

WORDS = {1: "增加", -1: "减少", 0: "持平"}


@register
class YearOnYear(Check):
    """同比变动与数字不符：增减额、增减率、增减方向或“持平”与本年、上年数矛盾。

    What: for "本年X，较上年增加A，增长B%" the prior year is X − A and the rate
    must be A ÷ (X − A) (rounding-aware); when the prior year's figure is
    stated ("较上年1757.02万元增加7.31%", or the same item of the previous year
    in the sentence before) the change and rate are recomputed from the two
    figures and the direction word (增加/增长 vs 减少/下降) must match the sign;
    "与上年持平/相同/一致" requires equal figures; no rate on a zero base.
    Why: year-on-year explanations are the most quoted sentences of a
    disclosure and are usually edited from last year's text.
    Failing example: "住房保障支出…支出决算数2179836.72元…较上年增加368789.9元，
    增长31.25%" → NAR004 error: 368,789.90 ÷ (2,179,836.72 − 368,789.90) =
    368,789.90 ÷ 1,811,046.82 = 20.36%, not 31.25%.
    When the current figure had to be taken from an earlier sentence that states
    several amounts, a mismatch is a warning (the figure may be another one).
    A percentage off by one unit in its last decimal is a warning (it may have
    been rounded from unprinted decimals); a truncated one is info.
    """

    code = "NAR004"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for change in claims(doc).changes:
            if change.resolved:
                yield from self._check(change)

    def _check(self, change: Change) -> Iterable[Finding | Checked]:
        current = change.current
        if change.prior is not None:
            yield from self._with_prior(change)
            return
        amount = change.amount
        prior = current.quantity - amount.quantity.scaled(Decimal(change.direction))
        relation = ("yoy", (change.pct or amount).figure.location)
        unit = current.unit
        if prior.hi < 0:
            yield self.finding(
                f"{named(current)}较上年{WORDS[change.direction]}{amount.figure.text}：上年数应为 "
                f"{show(in_unit(prior, unit))}{unit}，为负数，增减额与本年数矛盾",
                figures=(printed(amount), printed(current)), relation=relation, confidence="inferred")
            return
        if change.pct is None:
            yield Checked((printed(amount), printed(current)))
            return
        rate = ratio(amount.quantity, prior)
        if rate is None:
            yield self.finding(
                f"{named(current)}较上年{WORDS[change.direction]}{amount.figure.text}：上年数为0，"
                f"不应给出增长率{change.pct.figure.text}",
                figures=(printed(change.pct), printed(amount), printed(current)), relation=relation,
                confidence="inferred")
            return

        def wording() -> tuple[str, str]:
            prior_text = show(in_unit(prior, unit), current.figure.decimals)
            return ((f"{named(current)}较上年{change.word or WORDS[change.direction]}{amount.figure.text}"
                     f"（上年 = {current.figure.text} {'−' if change.direction > 0 else '+'} {amount.figure.text}"
                     f" = {prior_text}{unit}）的变动率"),
                    f"{amount.figure.text} ÷ {prior_text} × 100 = {rate.point:.4f}%")

        yield verdict_finding(self, change.pct, rate, [amount, current], wording,
                              relation=relation, severity=Severity.ERROR if change.strong else Severity.WARNING)

    def _with_prior(self, change: Change) -> Iterable[Finding | Checked]:
        current, prior = change.current, change.prior
        diff = current.quantity - prior.quantity
        stated = [t for t in (change.amount, change.pct) if t is not None]
        relation = ("yoy", (stated[0] if stated else current).figure.location)
        figures = tuple(printed(t) for t in stated) + (printed(current), printed(prior))
        sign = 1 if diff.lo > 0 else -1 if diff.hi < 0 else 0
        if change.direction == 0 or sign == 0:
            if sign == change.direction:
                yield Checked(figures)
            elif change.direction == 0:
                yield self.finding(
                    f"文中称“{change.word}”，但{named(current)}与上年{named(prior)}不等",
                    figures=figures, relation=relation, confidence="inferred")
            return
        if sign != change.direction:
            yield self.finding(
                f"文中称“{change.word or WORDS[change.direction]}”，但{named(current)}较上年{named(prior)}"
                f"实为{WORDS[sign]}",
                figures=figures, relation=relation, confidence="inferred")
            return
        if change.amount is not None:
            yield verdict_finding(
                self, change.amount, diff.scaled(Decimal(sign)), [current, prior],
                lambda: (f"{named(current)}较上年{named(prior)}的变动额", f"{current.figure.text} − {prior.figure.text}"),
                relation=relation, severity=Severity.ERROR)
        if change.pct is not None:
            rate = ratio(diff.scaled(Decimal(sign)), prior.quantity)
            if rate is not None:
                yield verdict_finding(
                    self, change.pct, rate, [current, prior],
                    lambda: (f"{named(current)}较上年{named(prior)}的变动率",
                             (f"({current.figure.text} − {prior.figure.text}) ÷ {prior.figure.text} × 100 = "
                              f"{rate.point * sign:.4f}%")),
                    relation=("yoy", change.pct.figure.location), severity=Severity.ERROR)
