"""PRF001 — an indicator's 得分 lies between 0 and its 分值."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.scores.forms import label_of, score_forms, score_parts
from checks.scores._common import fmt, where


@register
class ScoreWithinWeight(Check):
    """指标得分超过其分值（或为负数）。

    What: in every 绩效自评 indicator table, each indicator's 得分 is at least 0 and
    at most its 分值 (with several weight columns — 参考分值/设定分值 — the one
    nearest the score column); a group whose indicators carry scores but no
    weights ("年度目标1: (10分)" over rows with 得分 only) scores at most its weight.
    Why: 财预〔2020〕10号 scoring never exceeds the weight; a score above it is a
    typing error or a misplaced column, and it inflates the total and the grade.
    Failing example::

        三级指标 | 分值 | 得分
        全年新增就业人数 | 5 | 6      → PRF001 error: 得分 6 超过分值 5
    """

    code = "PRF001"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for leaf in form.leaves():
                weight = leaf.weights[-1] if leaf.weights else None
                if leaf.score is None or weight is None:
                    continue
                if 0 <= leaf.score.value <= weight.value:
                    yield Checked((leaf.score, weight))
                    continue
                yield self.finding(
                    f"{where(form)}「{label_of(leaf)}」得分 {leaf.score.text} "
                    + (f"超过分值 {weight.text}" if leaf.score.value > 0 else "为负数"),
                    figures=(leaf.score, weight), stated=leaf.score.value, expected=weight.value,
                    difference=leaf.score.value - weight.value,
                    arithmetic=f"{leaf.score.text} > {weight.text}",
                    relation=("score-within-weight", leaf.score.location),
                )
            for group in form.groups():
                if not group.declared or any(leaf.weights and leaf.weights[-1] for leaf in group.leaves()):
                    continue
                scores = score_parts(group) if group.stated_score is None else None
                if not scores:
                    continue
                declared = group.declared[0]
                got = sum(f.value for f in scores)
                if got <= declared.value:
                    yield Checked((declared, *scores))
                    continue
                yield self.finding(
                    f"{where(form)}「{label_of(group)}」下各指标得分之和 {fmt(got)} 超过其分值 {declared.text}",
                    figures=(declared, *scores), stated=got, expected=declared.value,
                    difference=got - declared.value,
                    arithmetic=" + ".join(f.text for f in scores) + f" = {fmt(got)} > {declared.text}",
                    relation=("group-score-within-weight", declared.location),
                )
