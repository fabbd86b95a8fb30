"""NAR002 — shares listed without their total add up to 100% and match their amounts."""

from __future__ import annotations

from functools import partial
from typing import Iterable

from auditor.claims import Breakdown, Token, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.rounding import ratio, total
from checks.narrative._common import HUNDRED, named, printed, verdict_finding


@register
class SharesOfUnstatedTotal(Check):
    """各项占比之和不为100%，或与各项金额之比不符（总额未写明时）。

    What: when a sentence lists amounts each with its share ("公务接待费2.47万元，
    占75.54%，因公出国费0万元，占0%，公务用车费0.8万元，占24.46%") and names no
    total, the total is the sum of the listed amounts: each share must equal
    amount ÷ sum, and the shares must add up to 100% within the rounding of the
    printed shares (n shares of k decimals: ±n·0.5·10⁻ᵏ).
    Why: such lists are exhaustive by construction; a share that does not fit its
    amount, or shares that do not close to 100%, show an edited figure.
    Failing example: "基本支出预算2476260.58元，占一般公共预算支出的84.06%，项目支出
    469500元，占一般公共预算支出的19.62%" → NAR002 error: 84.06% + 19.62% = 103.68%.
    Shares of one sentence naming the same whole that is stated nowhere ("占一般
    公共预算支出的84.06%…占一般公共预算支出的19.62%") may be partial, but cannot
    exceed 100% together.
    Lists that open with a stated total are checked against it by NAR001/NAR005.
    """

    code = "NAR002"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for group in claims(doc).breakdowns_without_total():
            yield from self._group(group)

    @staticmethod
    def _wording(part: Token, parts: list[Token]) -> tuple[str, str]:
        return (f"{named(part)}占所列各项合计的比例",
                f"{part.figure.text} ÷ ({' + '.join(p.figure.text for p in parts)}) × 100")

    def _group(self, group: Breakdown) -> Iterable[Finding | Checked]:
        whole = total([(1, p.figure) for p in group.parts])
        for part, pct in zip(group.parts, group.shares) if group.complete else ():
            q = ratio(part.quantity, whole)
            if q is not None:
                yield verdict_finding(
                    self, pct, q, [part] + [p for p in group.parts if p is not part],
                    partial(self._wording, part, group.parts),
                    relation=("share", pct.figure.location), severity=Severity.ERROR)
        shares = total([(1, s.figure) for s in group.shares])
        figures = tuple(printed(s) for s in group.shares)
        if shares.lo <= HUNDRED <= shares.hi or not group.complete and shares.lo <= HUNDRED:
            yield Checked(figures)
            return
        yield self.finding(
            f"所列各项占比之和为 {shares.point}%，{'不等于' if group.complete else '超过'}100%"
            f"（{'、'.join(s.figure.text for s in group.shares)}）",
            figures=figures, stated=shares.point, expected=HUNDRED, difference=shares.point - HUNDRED,
            tolerance=shares.half_width, arithmetic=" + ".join(s.figure.text for s in group.shares) + f" = {shares.point}%",
            relation=("share-sum", group.shares[0].figure.location), confidence="inferred")
