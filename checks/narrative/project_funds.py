"""NAR011 — a project's budget and spending stated in its 自评综述 agree with its 自评表."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import Token, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Figure, Severity
from auditor.registry import Check, register
from checks.narrative._common import agrees, named, printed

WHOLE_DEPARTMENT = "整体"
# the passage is about a self-evaluation (综述, 自评得分), not a sentence naming a project in passing
SELF_EVALUATION = "自评"


@register
class ProjectFundsVsForm(Check):
    """绩效自评综述中的预算数、执行数与自评表不一致。

    What: a 绩效自评综述 stating the budget, the amount executed and the
    execution rate of a project ("金保工程信息系统日常运营维护绩效自评综述：…
    项目全年预算1007943.96元，执行数781943.33元，执行率为77.58%") speaks of the
    自评表 whose 项目名称 it names (the 整体 form for the whole department; only
    passages about the self-evaluation, not sentences naming a project in
    passing): the
    two amounts and the rate must equal that form's first funds row (资金总额:
    年初预算数 for an initial budget, else 全年预算数; 全年执行数; 执行率), after
    unit conversion and within the rounding of both (a form in 万元 to three
    decimals holds 元 amounts to ±5 元); printed alike, they must be equal.
    Why: the 综述 and the table are the same self-evaluation; amounts that differ
    mean one of them was not updated.
    Failing example: "项目全年预算2990000元，执行数2980000元" with the form's 资金总额
    全年预算数 298 (万元) → NAR011 error: 2,990,000 元 ≠ 298万元.
    """

    code = "NAR011"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        rates = []  # each with the text up to the end of its sentence, which speaks of a self-evaluation
        for rate in claims(doc).rates:
            if rate.resolved and rate.kind in ("execution", "completion") and \
                    rate.numerator.kind == "money" and rate.denominator.kind == "money":
                passage = rate.pct.passage
                spoken = passage.text[:passage.sentence_end(rate.pct.end)]
                if SELF_EVALUATION in spoken:
                    rates.append((rate, spoken))
        if not rates:
            return  # (before reading the score forms)
        from auditor.scores.forms import form_spoken_of, score_forms

        forms = [f for f in score_forms(doc) if f.funds.rows]
        if not forms:
            return
        for rate, spoken in rates:
            form = form_spoken_of(forms, spoken, WHOLE_DEPARTMENT in spoken)
            if form is None:
                continue
            row = form.funds.rows[0]
            budget_role = "initial" if "年初" in rate.denominator.label else "budget"
            for token, role in ((rate.denominator, budget_role), (rate.numerator, "executed"), (rate.pct, "rate")):
                cells = row.figures.get(role)
                if cells:
                    yield self._compare(token, cells[0], form.display)

    def _compare(self, token: Token, cell: Figure, form: str) -> Finding | Checked:
        if agrees(token, cell):
            return Checked((printed(token), cell))
        return self.finding(
            f"{named(token)}与「{form}」自评表中的{cell.text}{'' if cell.text.endswith(cell.unit or '') else cell.unit}"
            f"（{cell.location.describe()}）不一致",
            severity=Severity.ERROR, figures=(printed(token), cell), stated=token.figure.value,
            relation=("project-funds", token.figure.location), confidence="inferred")
