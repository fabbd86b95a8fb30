"""PRF013 — the funds block's 年度资金总额 equals the sum of its 其中 rows."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.relations import check_sum
from auditor.scores.forms import score_forms
from checks.scores._common import where

TOTAL_ROW = re.compile(r"总额|合计|总计")
AMOUNT_ROLES = (("initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"), ("balance", "资金结余"))


@register
class FundsTotal(Check):
    """年度资金总额不等于其中各项资金之和。

    What: in the funds block, the 年度资金总额 (资金总额, 部门整体支出总额) row equals,
    in each amount column (年初预算数, 全年预算数, 全年执行数, 结余), the sum of the
    rows listed under it (其中：当年财政拨款 / 上年结转资金 / 其他资金 …). Blank
    cells are not counted.
    Why: the rate and the score are computed on the total; a total that is not
    the sum of its sources misstates the funds evaluated.
    Failing example::

        年度资金总额 | 0  | 0     | 0
        其中：本年财政拨款 | 90 | 89.974 | 89.974   → PRF013 error: 0 ≠ 90
    """

    code = "PRF013"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for form in score_forms(doc):
            rows = form.funds.rows
            if len(rows) < 2 or not TOTAL_ROW.search(rows[0].label):
                continue
            head, parts = rows[0], rows[1:]
            for role, name in AMOUNT_ROLES:
                for index, stated in enumerate(head.figures.get(role, [])):
                    found = [p.figures[role][index] for p in parts if len(p.figures.get(role, [])) > index]
                    if found:
                        yield check_sum(
                            self, stated, [(1, f) for f in found],
                            stated_label=f"「{head.label}」{name}", expected_label="其中各项之和",
                            relation=("funds-total", stated.location), context=where(form),
                        )
