"""PRF010 — the funds block's 执行率 equals 执行数 / 预算数."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.relations import check_value
from auditor.rounding import quantity, ratio
from auditor.scores.forms import score_forms
from checks.scores._common import budget_of, one, where


@register
class ExecutionRate(Check):
    """预算执行率不等于全年执行数除以全年预算数。

    What: in a self-evaluation's funds block (预算执行情况: 年初预算数 / 全年预算数 /
    全年执行数 / 执行率), each row's 执行率 equals 全年执行数 ÷ 全年预算数 (the adjusted
    budget; 年初预算数 when no adjusted figure is printed), rounding-aware.
    Why: the execution rate drives the funds score (分值 × 执行率) and is quoted in
    the report; a wrong rate gives a wrong score.
    Failing example::

        全年预算数 100.794 | 全年执行数 78.194 | 执行率 77.85   → PRF010 error: 77.85 ≠ 77.58
    """

    code = "PRF010"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for row in form.funds.rows:
                rate, executed, budget = one(row, "rate"), one(row, "executed"), budget_of(row)
                if rate is None or executed is None or budget is None:
                    continue
                expected = ratio(quantity(executed), quantity(budget), Decimal(100))
                if expected is None:
                    continue
                yield check_value(
                    self, rate, expected, (executed, budget),
                    stated_label=f"{where(form)}「{row.label}」执行率", expected_label="执行数÷预算数",
                    arithmetic=f"{executed.text} ÷ {budget.text} × 100%",
                    relation=("execution-rate", rate.location),
                )
