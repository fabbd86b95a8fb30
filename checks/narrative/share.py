"""NAR001 — a stated share (占比) equals part ÷ whole."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import Share, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.rounding import ratio
from checks.narrative._common import named, percentage_finding, printed


@register
class ShareOfWhole(Check):
    """占比与金额不符：文中“占…的X%”不等于该项金额除以总额。

    What: every "占比X%", "占X%", "占本年支出合计的X%" after an amount is
    recomputed as part ÷ whole × 100, the whole being the amount named after
    占…的, else the total that opens the list (其中/主要用于以下方面：) the part
    belongs to. Rounding-aware: a share with k decimals holds when the
    recomputation rounds to it; a gap that the rounding of the printed amounts
    explains is info.
    Why: shares are what readers compare across years and departments; a share
    computed on the wrong base (or left from last year's text) misleads.
    Failing example: "本年支出合计84,968,418.97元 … 财政拨款支出84,386,179.09元，
    占本年支出合计的100.00%" → NAR001 error: 84,386,179.09 ÷ 84,968,418.97 = 99.31%.
    Lists whose whole is not stated are checked by NAR002.
    A percentage off by one unit in its last decimal is a warning (it may have
    been rounded from unprinted decimals); a truncated one is info. A share of
    100% says the part is the whole: a part differing from it beyond rounding is
    reported even when the ratio rounds to 100%.
    """

    code = "NAR001"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for share in claims(doc).shares:
            if share.part is not None and share.whole is not None:
                yield self._check(share)

    def _check(self, share: Share) -> Finding | Checked:
        part, whole = share.part, share.whole
        q = ratio(part.quantity, whole.quantity)
        if q is None:
            figures = (printed(share.pct), printed(part), printed(whole))
            if share.pct.figure.value == 0:
                return Checked(figures)
            return self.finding(
                f"{named(part)}占{named(whole)}的{share.pct.figure.text}：总额为0，占比无从计算",
                severity=Severity.WARNING, figures=figures,
                relation=("share", share.pct.figure.location), confidence="inferred")
        severity = Severity.ERROR if share.strong else Severity.WARNING
        relation = ("share", share.pct.figure.location)

        def wording() -> tuple[str, str]:
            return (f"{named(part)}占{named(whole)}的比例",
                    f"{part.figure.text} ÷ {whole.figure.text} × 100 = {q.point:.4f}%")

        return percentage_finding(self, share.pct, q, part, whole, wording, relation, severity)
