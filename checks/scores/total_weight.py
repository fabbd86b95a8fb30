"""PRF005 — the groups' 分值 add up to the table's total weight (normally 100)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.scores.forms import score_forms
from checks.scores._common import first_holding, fmt, sum_check, weight_readings, where

FULL_MARKS = Decimal(100)


@register
class TotalWeight(Check):
    """各指标组分值之和不等于总分值（通常为100分）。

    What: the weights of the top-level indicator groups (or indicators) add up to
    the total weight printed on the 总分 row ("总分 | 100 | 98"); when the table
    prints no total weight they add up to 100. Two readings are accepted, and the
    message names the one tried: the indicators alone, or the indicators plus the
    funds block's 分值 (预算执行率 10分/20分; 10 when the block scores without one).
    Why: a scale that is not out of the stated total makes every score and the
    grade meaningless; a missing or duplicated indicator shows up here first.
    Failing example::

        产出指标（50分）… 效益指标（30分）… 满意度指标（10分）… 总分 | 100 | 88
        → PRF005 error: 总分值 100 ≠ 各指标分值之和 90
    Without a printed total weight the gap to 100 is a warning.
    """

    code = "PRF005"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            readings = weight_readings(form)
            if not readings:
                continue
            stated_totals = [t.weight for t in form.totals if t.weight is not None]
            for stated in stated_totals:
                chosen = first_holding(stated, readings)
                if chosen is not None:
                    yield Checked((stated, *chosen[1]))
                    continue
                name, parts, extra = readings[0]
                finding = sum_check(self, stated, parts, "总分值", name,
                                    relation=("total-weight", stated.location), form=form)
                yield _note_other_readings(finding, readings[1:], parts)
            singles = [t.single for t in form.totals if t.single is not None]
            if stated_totals or any(first_holding(single, readings) for single in singles):
                continue  # the printed total weight was checked (a lone figure by PRF006)
            sums = [(name, parts, sum(f.value for f in parts) + extra) for name, parts, extra in readings]
            if any(value == FULL_MARKS for _, _, value in sums):
                yield Checked(tuple(readings[0][1]))
                continue
            name, parts, value = sums[-1]
            others = "；".join(f"{n} {fmt(v)}" for n, _, v in sums[:-1])
            yield self.finding(
                f"{where(form)}表中未列总分值，{name} 为 {fmt(value)}，不是100分"
                + (f"（{others}）" if others else ""),
                severity=Severity.WARNING, figures=tuple(parts), stated=value, expected=FULL_MARKS,
                difference=value - FULL_MARKS,
                arithmetic=" + ".join(f.text for f in parts) + (f" + {fmt(sums[-1][2] - sum(f.value for f in parts))}" if value != sum(f.value for f in parts) else "") + f" = {fmt(value)}",
                relation=("total-weight", parts[0].location),
            )


def _note_other_readings(finding, others, parts) -> Finding | Checked:
    if isinstance(finding, Checked) or not others:
        return finding
    alternatives = "；".join(f"按{name}为 {fmt(sum(f.value for f in p) + extra)}" for name, p, extra in others)
    return replace(finding, message=f"{finding.message}（{alternatives}，亦不符）")
