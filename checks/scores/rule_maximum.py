"""PRF002 — an indicator's 得分 does not exceed the maximum its scoring rule states."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.scores.forms import label_of, score_forms
from checks.scores._common import where


@register
class RuleMaximum(Check):
    """指标得分超过评分细则写明的最高分。

    What: when an indicator's row states its scoring range ("酌情得0-2分",
    "分数值0-3分"), its 得分 is within that range.
    Why: a score the rule cannot give means either the rule or the score is wrong
    (often the rule was copied from another indicator); it is a warning because
    the 分值 column, not the rule text, is authoritative.
    Failing example::

        C103就业数量（6分） | 6 | 6 | … 分数值0-3分   → PRF002 warning: 得分 6 超过评分细则上限 3分
    """

    code = "PRF002"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            for leaf in form.leaves():
                if leaf.rule_max is None or leaf.score is None:
                    continue
                if leaf.score.value <= leaf.rule_max.value:
                    yield Checked((leaf.score, leaf.rule_max))
                    continue
                yield self.finding(
                    f"{where(form)}「{label_of(leaf)}」得分 {leaf.score.text} 超过其评分细则写明的上限 "
                    f"{leaf.rule_max.text}",
                    figures=(leaf.score, leaf.rule_max), stated=leaf.score.value,
                    expected=leaf.rule_max.value, difference=leaf.score.value - leaf.rule_max.value,
                    arithmetic=f"{leaf.score.text} > {leaf.rule_max.text}",
                    relation=("rule-maximum", leaf.score.location),
                )
