"""PRF012 — the funds block's 得分 equals 分值 × min(执行率, 100%)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.relations import check_value
from auditor.rounding import Quantity, quantity, ratio
from auditor.scores.forms import score_forms
from checks.scores._common import DEFAULT_FUNDS_WEIGHT, budget_of, one, where

HUNDRED = Decimal(100)


@register
class FundsScore(Check):
    """预算执行得分不等于分值乘以执行率。

    What: the funds block's 得分 equals its 分值 × 执行率, capped at the 分值
    (财预〔2020〕10号: 得分 = 分值 × min(执行率, 100%)). The 分值 is the block's 分值
    column, the weight in its label ("(20分)") or in the header's formula
    ("得分(20分*执行率)") — each one printed is checked. The printed 执行率 is used
    (PRF010 checks it), else 执行数 ÷ 预算数.
    Why: the funds score enters the total; it is pure arithmetic.
    Severity: error; warning when the weight is not printed (the default 10 is
    assumed) or when execution exceeds 100% (some rules deduct for overspending).
    Failing example::

        分值 10 | 执行率 70.22% | 得分 8   → PRF012 error: 得分 8 ≠ 10 × 70.22% = 7
    """

    code = "PRF012"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for row in form.funds.rows:
                score = one(row, "score")
                if score is None:
                    continue
                rate_figure = one(row, "rate")
                executed, budget = one(row, "executed"), budget_of(row)
                if rate_figure is not None:
                    rate, inputs = quantity(rate_figure), [rate_figure]
                    rate_text = rate_figure.text if "%" in rate_figure.text else f"{rate_figure.text}%"
                elif executed is not None and budget is not None:
                    rate = ratio(quantity(executed), quantity(budget), HUNDRED)
                    inputs = [executed, budget]
                    rate_text = f"({executed.text} ÷ {budget.text})"
                else:
                    continue
                if rate is None:
                    continue
                over = rate.point > HUNDRED
                capped = Quantity.exact(HUNDRED) if over else rate
                weights = [f for f in (one(row, "weight"), row.weight, form.funds.formula_weight) if f is not None]
                unique = {id(f): f for f in weights}.values()
                candidates = [(w, Quantity.exact(w.value), w.text) for w in unique] or \
                             [(None, Quantity.exact(DEFAULT_FUNDS_WEIGHT), f"{DEFAULT_FUNDS_WEIGHT}（默认分值）")]
                for weight, weight_q, weight_text in candidates:
                    expected = _times(weight_q, capped)
                    severity = Severity.WARNING if over or weight is None else None
                    yield check_value(
                        self, score, expected, ([weight] if weight else []) + inputs,
                        stated_label=f"{where(form)}「{row.label}」得分",
                        expected_label="分值×执行率" + ("（执行率超过100%按100%计）" if over else ""),
                        arithmetic=f"{weight_text} × min({rate_text}, 100%)",
                        relation=("funds-score", score.location, weight.location if weight else None),
                        severity=severity,
                    )


def _times(weight: Quantity, rate: Quantity) -> Quantity:
    """weight × rate%, with the rate's interval."""
    return Quantity(weight.point * rate.point / HUNDRED, weight.lo * rate.lo / HUNDRED, weight.hi * rate.hi / HUNDRED)
