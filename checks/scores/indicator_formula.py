"""PRF040 — a quantitative indicator's 得分 follows the formula the document states."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.numbers import normalise
from auditor.registry import Check, register
from auditor.relations import check_value
from auditor.rounding import Quantity
from auditor.scores.forms import label_of, score_forms
from auditor.scores.patterns import NEGATIVE_FORMULA, NEGATIVE_OPS, POSITIVE_FORMULA, POSITIVE_OPS, QUANTITY
from auditor.scores.texts import document_texts

# Both formulas name 正向指标/反向指标; before normalising, 向 and 标 are printed as such and 指 is 指
# or the squared 🈯 (U+1F22F) — the only characters normalise() turns into them.
FORMULA_HINTS = ("向指标", "向\U0001F22F标")


@register
class IndicatorFormula(Check):
    """定量指标得分与文件写明的计分公式不符。

    What: when the document states how quantitative indicators are scored —
    正向指标（目标值 ≥X）得分 = 权重 × B/A, 反向指标（目标值 ≤X）得分 = 权重 × A/B,
    得分不得突破权重 (A = 目标值, B = 实际完成值) — each indicator with a weight,
    a target "≥5万人" / "≤6%" and an actual value in the same unit scores
    权重 × min(B/A, 1) (or × min(A/B, 1)), rounded to the printed decimals.
    Why: a score that its own stated formula does not give is an evaluator's
    slip; it is a warning because targets are sometimes adjusted (调整后指标值).
    Failing example (the formula stated in a note under the table)::

        劳动仲裁结案数 | ≥40件 | 18件 | 分值 5 | 得分 5   → PRF040 warning: 5 × 18/40 = 2.25
    """

    code = "PRF040"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        paragraphs, cells = document_texts(doc)
        raw = "\n".join(paragraphs) + "\n".join(cells)
        if not any(hint in raw for hint in FORMULA_HINTS):  # most documents: no need to normalise them whole
            return
        text = normalise(raw)
        positive, negative = bool(POSITIVE_FORMULA.search(text)), bool(NEGATIVE_FORMULA.search(text))
        if not (positive or negative):
            return
        for form in score_forms(doc):
            for leaf in form.leaves():
                weight = leaf.weights[-1] if leaf.weights else None
                if weight is None or leaf.score is None or len(leaf.values) < 2:
                    continue
                target, actual = _quantity(leaf.values[0]), _quantity(leaf.values[-1])
                if target is None or actual is None or target[2] != actual[2] or target[1] == 0:
                    continue
                op, a, _ = target
                b = actual[1]
                if op and op in POSITIVE_OPS and positive:
                    share, formula = min(b / a, Decimal(1)), "B/A"
                elif op and op in NEGATIVE_OPS and negative:
                    share, formula = (Decimal(1) if b == 0 else min(a / b, Decimal(1))), "A/B"
                else:
                    continue
                expected = Quantity.exact(weight.value * share)
                yield check_value(
                    self, leaf.score, expected, (weight,),
                    stated_label=f"「{label_of(leaf)}」得分",
                    expected_label=f"权重×{formula}（目标值 {leaf.values[0]}，完成值 {leaf.values[-1]}）",
                    arithmetic=f"{weight.text} × min({formula}, 1)",
                    relation=("indicator-formula", leaf.score.location),
                )


def _quantity(text: str) -> tuple[str, Decimal, str] | None:
    match = QUANTITY.match(re.sub(r"\s+", "", normalise(text)))
    if not match:
        return None
    return match["op"], Decimal(match["n"]), match["unit"]
