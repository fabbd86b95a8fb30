"""NAR010 — a stated balance (结余/结转) equals the budget less what was spent of it."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import Balance, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.relations import check_sum
from checks.narrative._common import named

# a budget named as the adjusted one is the base a balance is left from
FINAL_BUDGET = ("全年", "调整后")


@register
class BalanceOfBudget(Check):
    """结余金额与预算、支出不符：文中“预算A，支出B，结余C”中 C ≠ A − B。

    What: a sentence stating a budget, the amount spent of it and the balance
    left ("年初预算142.4万元及时、足额到账，支出100万元，…，结余42.4万元至下一
    年度"; "全年预算数X元，执行数Y元，结转结余Z元") must satisfy balance = budget −
    spent (rounding-aware).
    Why: the balance carried to the next year is what the 结转结余 tables and the
    next year's budget start from; a balance that does not follow from the two
    amounts beside it shows a mistyped figure.
    Failing example: "年初预算142.4万元…，支出100万元，…，结余24.4万元" → NAR010:
    142.4 − 100 = 42.4, not 24.4.
    An error when the budget is the full-year (adjusted) one; a warning when it
    is the initial budget (年初预算), which may have been adjusted during the year.
    """

    code = "NAR010"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for claim in claims(doc).balances:
            yield self._check(claim)

    def _check(self, claim: Balance) -> Finding | Checked:
        final = any(word in claim.budget.label for word in FINAL_BUDGET)
        return check_sum(
            self, claim.balance.figure, [(1, claim.budget.figure), (-1, claim.spent.figure)],
            stated_label=named(claim.balance), expected_label=f"{named(claim.budget)}减{named(claim.spent)}",
            relation=("balance", claim.balance.figure.location),
            severity=Severity.ERROR if final else Severity.WARNING)
