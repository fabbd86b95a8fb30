"""NAR003 — a completion, execution or target rate equals the two amounts it relates."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import Rate, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.rounding import ratio
from checks.narrative._common import named, percentage_finding, printed

WHAT = {"completion": "完成预算的比例", "execution": "执行率", "target": "完成目标任务的比例", "count": "比率"}


@register
class CompletionRate(Check):
    """完成率/执行率与所列金额不符：完成年初预算的X%、执行率、完成目标任务的X%。

    What: "年初预算A，支出决算B，完成年初预算的X%", "全年预算A，执行数B，执行率X%",
    "参保41956人，完成目标任务的38700人的108.41%" and "接到1340件，办结1315件，
    办结率98.13%" are recomputed as B ÷ A × 100 (rounding-aware; a truncated
    rate inside the rounding envelope is info). A rate on a zero base is a
    finding: nothing can be completed "X%" of nothing.
    Why: completion and execution rates feed performance scores; a rate that
    does not follow from the amounts beside it is either a typo or a rate
    computed on another base than the one stated.
    Failing example: "项目全年预算数为142.4万元，执行数为100万元，完成预算的80.22%"
    → NAR003 error: 100 ÷ 142.4 = 70.22%.
    An "执行率" next to a 年初预算 may be computed on the adjusted budget: a
    mismatch there is a warning. Rates whose amounts are not in the sentence are
    reported by NAR090 (coverage).
    A percentage off by one unit in its last decimal is a warning (it may have
    been rounded from unprinted decimals); a truncated one is info. A rate of
    100% says the two amounts are equal: "线下接到投诉举报案件831件，结案832件，结案率
    100%" is reported though 832 ÷ 831 rounds to 100% (DOMAIN rule 43).
    """

    code = "NAR003"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for rate in claims(doc).rates:
            if rate.resolved:
                yield self._check(rate)

    def _check(self, rate: Rate) -> Finding | Checked:
        num, den = rate.numerator, rate.denominator
        q = ratio(num.quantity, den.quantity)
        relation = ("rate", rate.pct.figure.location)
        if q is None:
            figures = (printed(rate.pct), printed(num), printed(den))
            if num.figure.value == 0 and rate.pct.figure.value == 0:
                return Checked(figures)
            return self.finding(
                f"{named(den)}为0，“{rate.phrase}{rate.pct.figure.text}”无从计算（零基数不应给出比率）",
                severity=Severity.WARNING, figures=figures, relation=relation, confidence="inferred")
        severity = Severity.ERROR if rate.strict and rate.kind != "count" else Severity.WARNING

        def wording() -> tuple[str, str]:
            return (f"{named(num)}相对{named(den)}的{WHAT[rate.kind]}",
                    f"{num.figure.text} ÷ {den.figure.text} × 100 = {q.point:.4f}%")

        return percentage_finding(self, rate.pct, q, num, den, wording, relation, severity)
