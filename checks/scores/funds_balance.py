"""PRF011 — the funds block's 结余 equals 预算数 − 执行数."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.relations import check_sum
from auditor.scores.forms import score_forms
from checks.scores._common import budget_of, one, where


@register
class FundsBalance(Check):
    """资金结余不等于全年预算数减全年执行数。

    What: in a funds block with a 资金结(转)余 column, each row's balance equals
    全年预算数 − 全年执行数.
    Why: the balance, the rate and the score are three views of the same two
    amounts; a balance that does not follow means one amount is mistyped.
    Failing example::

        全年预算数 100.794 | 全年执行数 78.194 | 资金结余 22.06   → PRF011 error: 22.06 ≠ 22.60
    """

    code = "PRF011"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for row in form.funds.rows:
                balance, executed, budget = one(row, "balance"), one(row, "executed"), budget_of(row)
                if balance is None or executed is None or budget is None:
                    continue
                yield check_sum(
                    self, balance, [(1, budget), (-1, executed)],
                    stated_label=f"「{row.label}」资金结余", expected_label="预算数−执行数",
                    relation=("funds-balance", balance.location), context=where(form),
                )
