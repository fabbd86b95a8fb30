"""PRF006 — the 总分 equals the sum of the indicators' 得分 (plus the funds score)."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.scores.forms import score_forms
from checks.scores._common import first_holding, fmt, score_readings, sum_check, weight_readings


@register
class TotalScore(Check):
    """总分不等于各指标得分之和。

    What: the score on the 总分/合计/综合得分 row equals the sum of the indicator
    scores — or that sum plus the funds block's 得分, when the table counts 预算执行
    in the total (the message names the reading). A lone figure on the total row
    ("总分 | 94", "100分") is read as a score or, failing that, as the total weight.
    Why: the 总分 decides the grade and is quoted in the report; it must be the
    arithmetic result of the table.
    Failing example::

        预算执行 得分 7.76; indicators 20 + 10 + 10 + 2.9 + 3.9 + 10 + 20 + 5 + 5
        总分 | 96.76   → PRF006 error: 总分 96.76 ≠ 各指标得分与预算执行得分之和 94.56
    """

    code = "PRF006"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            readings = score_readings(form)
            if not readings:
                continue
            for total in form.totals:
                stated = total.score or total.single
                if stated is None:
                    continue
                alternatives = readings + ([(n, p + [], e) for n, p, e in weight_readings(form)]
                                           if total.single is not None and not total.is_score else [])
                chosen = first_holding(stated, alternatives)
                if chosen is not None:
                    yield Checked((stated, *chosen[1]))
                    continue
                name, parts = readings[-1]
                finding = sum_check(self, stated, parts, "总分", name,
                                    relation=("total-score", stated.location), form=form)
                if len(readings) > 1 and isinstance(finding, Finding):
                    other = readings[0]
                    finding = replace(finding, message=f"{finding.message}（按{other[0]}为 "
                                      f"{fmt(sum(f.value for f in other[1]))}，亦不符）")
                yield finding
