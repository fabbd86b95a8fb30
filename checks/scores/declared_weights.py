"""PRF007 — a weight printed in a label agrees with the 分值 column and with itself."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.scores.forms import label_of, preferred_declaration, score_forms
from checks.scores._common import where


@register
class DeclaredWeights(Check):
    """标签中写明的分值与分值列或同一指标的其他写法不一致。

    What: an indicator whose label carries its weight ("C25…满意度（5分）") has the
    same figure in the 分值 column; a group printed more than once (a table split
    over pages repeats "C1部门产出") declares the same weight each time.
    Why: two different weights for one indicator mean one of them is wrong, and
    every sum above it depends on which one the evaluator used.
    Failing example::

        C25就业人员、参保人员满意度（5分） | 10 | 10   → PRF007 error: 标签（5分）≠ 分值列 10
        C1部门产出（2分） … C1部门产出（18分）          → PRF007 error: 分值 2 ≠ 18
    """

    code = "PRF007"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for leaf in form.leaves():
                weight = leaf.weights[-1] if leaf.weights else None
                if weight is None or not leaf.label_weights:
                    continue
                if any(f.value == weight.value for f in leaf.label_weights):
                    yield Checked((weight, *leaf.label_weights))
                    continue
                label = leaf.label_weights[0]
                yield self.finding(
                    f"{where(form)}「{label_of(leaf)}」标签写明（{label.text}），分值列为 {weight.text}",
                    figures=(label, weight), stated=label.value, expected=weight.value,
                    difference=label.value - weight.value, arithmetic=f"{label.text} ≠ {weight.text}",
                    relation=("label-weight", label.location),
                )
            for group in form.groups():
                chosen = preferred_declaration(group)
                repeated = [f for f in group.declared if f.location != chosen.location] if chosen else []
                for other in repeated:
                    if other.value == chosen.value:
                        yield Checked((other, chosen))
                        continue
                    yield self.finding(
                        f"{where(form)}「{label_of(group)}」分值前后不一：此处（{other.text}），"
                        f"另处（{chosen.text}）",
                        figures=(other, chosen), stated=other.value, expected=chosen.value,
                        difference=other.value - chosen.value, arithmetic=f"{other.text} ≠ {chosen.text}",
                        relation=("repeated-weight", other.location),
                    )
