"""NAR090 — a claim recognised in the prose whose operands could not be found (coverage gap)."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import Breakdown, Change, Rate, Share, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.narrative._common import sentence


def _gap(claim) -> tuple[str, object] | None:
    """What the claim lacks, and the token to show it at; None when it is resolved."""
    if claim.resolved:
        return None
    if isinstance(claim, Share):
        return ("占比：未找到所占的金额" if claim.part is None else "占比：未找到总额", claim.pct)
    if isinstance(claim, Rate):
        return ("完成率/执行率：同句未写明" + ("预算（目标）数" if claim.numerator else "完成数与预算数"), claim.pct)
    if isinstance(claim, Change):
        lead = claim.amount or claim.pct or claim.current
        if claim.current is None:
            return ("同比变动：未找到本年数", lead)
        return ("同比变动：未写明变动额或上年数", lead)
    if isinstance(claim, Breakdown):
        return ("分项列举：未找到总数", claim.parts[0])
    return None


@register
class UnresolvedClaim(Check):
    """未能核对的文字陈述：识别出占比、完成率、同比变动或分项，但找不到参与计算的数字。

    What: every share, completion/execution/target rate, year-on-year change and
    breakdown the claim grammar recognises but cannot tie to all its operands
    (the budget of "完成全年预算的85.48%" is only in a table; the whole of "占
    目标任务的107.67%" is not stated) is listed as info, so the report says
    what was not verified instead of staying silent.
    Why: a reader must know which stated figures the audit could not recompute.
    Example: "公务用车运行维护费支出102,573.57元，完成全年预算的85.48%" → NAR090
    info: 完成率/执行率：同句未写明预算（目标）数.
    These findings carry no figures: the figures were not checked.
    """

    code = "NAR090"
    severity = Severity.INFO

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for claim in claims(doc).all:
            gap = _gap(claim)
            if gap is None:
                continue
            what, token = gap
            yield self.finding(
                f"未能核对（{what}）：{sentence(token)}",
                location=token.figure.location, stated=token.figure.value,
                relation=("unresolved", token.figure.location), confidence="inferred")
