"""PRF021 — a score stated in the report agrees with the score table."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Figure, Severity
from auditor.registry import Check, register
from auditor.scores.forms import (
    Form, Group, form_spoken_of, named, score_forms, score_parts, weight_parts,
)
from auditor.scores.prose import ProseTotal, prose_totals, speaks_of_whole_department
from checks.scores._common import holds, score_readings, sum_check


@register
class ProseVsTable(Check):
    """报告文字中的得分与评分表不一致。

    What: a score stated in the report agrees with the table it summarises:
    - a group total ("部门效果总评分25分，评价得分25分") names a group of the
      indicator table ("C2部门效果（21分）"): its weight is the group's declared
      分值 (or the sum of its indicators'), its score the sum of their 得分;
    - an overall score ("项目绩效自评得分为97分") equals the 总分 of the form it
      speaks of (the 整体 form, or the project form whose name it shares), or the
      sum of that form's scores; an overall score with no such form in the
      document is reported as info (not verified).
    Why: readers take the narrative's figures at face value; a narrative score
    that the table does not support is either a stale draft or a wrong table.
    Failing example::

        指标体系: C2部门效果（21分）…   报告: 部门效果总评分25分
        → PRF021 error: 文中总评分 25 ≠ 表中「C2部门效果」分值 21
    """

    code = "PRF021"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        forms = score_forms(doc)
        for total in prose_totals(doc):
            if total.overall:
                yield from self._overall(total, forms)
            else:
                yield from self._group(total, forms)

    def _group(self, total: ProseTotal, forms: list[Form]) -> Iterable[Finding | Checked]:
        for form in forms:
            match = named(form, total.name)
            if match is None:
                continue
            if isinstance(match, Group):
                weights, scores, label = weight_parts(match, -1), score_parts(match), match.label
            else:
                weights = [l.weights[-1] for l in match] if all(l.weights and l.weights[-1] for l in match) else None
                scores = [l.score for l in match] if all(l.score for l in match) else None
                label = total.name
            where = f"文中「{total.name}」"
            for stated, parts, what in ((total.weight, weights, "分值"), (total.score, scores, "得分")):
                if stated is not None and parts:
                    yield _compare(self, stated, parts, f"{where}{what}", f"表中「{label.strip()}」{what}",
                                   ("prose-table", stated.location), form)
            return

    def _overall(self, total: ProseTotal, forms: list[Form]) -> Iterable[Finding | Checked]:
        form = form_spoken_of(forms, total.subject, speaks_of_whole_department(total))
        if form is None:  # no false comfort: say the score was not verified (no figure counts as checked)
            yield self.finding(f"文中自评得分 {total.score.text} 在文件中找不到对应的评分表，未核对",
                               severity=Severity.INFO, location=total.score.location,
                               relation=("prose-table", total.score.location))
            return
        printed = [t.score or t.single for t in form.totals if (t.score or t.single) is not None]
        for figure in printed:
            if holds(total.score, [figure]):
                yield Checked((total.score, figure))
                return
        for _, parts in score_readings(form):
            if holds(total.score, parts):
                yield Checked((total.score, *parts))
                return
        where = "文中自评得分"
        if printed:
            yield _compare(self, total.score, printed[:1], where, f"「{form.display}」表中总分",
                           ("prose-table", total.score.location), form)
        elif score_readings(form):
            name, parts = score_readings(form)[-1]
            yield _compare(self, total.score, parts, where, f"「{form.display}」表中{name}",
                           ("prose-table", total.score.location), form)


def _compare(check, stated: Figure, parts: list[Figure], stated_label: str, expected_label: str,
             relation: tuple, form: Form) -> Finding | Checked:
    """The stated label already says where (第N段); the form is named in the expected label."""
    return sum_check(check, stated, parts, stated_label, expected_label, relation, None)
