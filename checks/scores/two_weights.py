"""PRF008 — a label carries two different weights."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.scores.forms import score_forms
from checks.scores._common import where


@register
class TwoWeightsInLabel(Check):
    """同一指标名称中写有两个分值。

    What: a label such as "C22C104社保工作完成情况（6分）（5分）" carries two
    different weights: an edit left the old weight (and here the old code) in place.
    Why: the reader cannot tell which weight applies; the 分值 column may follow
    one and the group total the other. A warning: PRF003/PRF007 say which sums fail.
    Failing example::

        C22C104社保工作完成情况（6分）（5分） | 5 | 5   → PRF008 warning
    """

    code = "PRF008"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            labels = [leaf.label_weights for leaf in form.leaves()]
            labels += [[f for f in g.declared if _same_cell(f, first)] for g in form.groups()
                       for first in g.declared[:1]]
            for figures in labels:
                if len(figures) < 2:
                    continue
                if len({f.value for f in figures}) == 1:
                    yield Checked(tuple(figures))
                    continue
                texts = "、".join(f"（{f.text}）" for f in figures)
                yield self.finding(
                    f"{where(form)}同一标签中写有两个分值 {texts}",
                    figures=tuple(figures), stated=figures[0].value, expected=figures[-1].value,
                    difference=figures[0].value - figures[-1].value,
                    arithmetic=" ≠ ".join(f.text for f in figures),
                    relation=("two-weights", figures[0].location),
                )


def _same_cell(a, b) -> bool:
    la, lb = a.location, b.location
    return (la.table, la.row, la.col, la.paragraph, la.nested) == (lb.table, lb.row, lb.col, lb.paragraph, lb.nested)
