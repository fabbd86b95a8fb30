"""NAR005 — the parts listed after 其中/： add up to the total they break down."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.claims import Breakdown, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.relations import check_sum
from auditor.rounding import Outcome, compare, total
from checks.narrative._common import HUNDRED, named

# A total that announces a complete breakdown: 合计编制177名，其中…; 共有车辆5辆，其中…
COMPLETE = re.compile(r"合计|总计|共|总额|总数|累计")
# Parts that make a whole by definition (DOMAIN §1.3, §1.4): 基本 = 人员 + 公用; 支出 = 基本 + 项目;
# 政府采购 = 货物 + 工程 + 服务.
PARTITIONS = (("人员经费", "公用经费"), ("基本支出", "项目支出"), ("货物", "工程", "服务"))


@register
class PartsAddUp(Check):
    """分项之和与总数不符：“总数，其中：甲a、乙b、丙c”中各项之和不等于总数。

    What: a total followed by 其中/：/主要用于以下方面： and its parts — amounts
    ("本年收入合计85,813,977.30元，其中：财政拨款收入…；事业收入…") or counts
    ("聘任专业技术岗7210人，其中高级职称2745人，中级职称2664人，初级职称1801人",
    "21个…19个项目…“优”，1个…“良”，1个…“中”") — must add up to the total
    (rounding-aware; a leading run of parts that adds up is accepted when the
    rest details one of them). Parts exceeding the total are always reported;
    parts falling short only when the list is complete by its wording (合计/共/总…,
    shares adding to 100%, a list in parentheses, three parts or more) or by
    definition (人员经费 + 公用经费, 基本支出 + 项目支出, 货物 + 工程 + 服务).
    Why: a breakdown that does not close shows a mistyped part or total.
    Failing example: "以上单位合计编制为177名，其中行政编122名，事业编55名，工勤2名"
    → NAR005 warning: 122 + 55 + 2 = 179 ≠ 177.
    Errors for amount lists whose shares add to 100% (complete by their own
    statement) and whose total opens the list in the same sentence; warnings
    otherwise (a 其中 list may overlap or be partial).
    """

    code = "NAR005"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for group in claims(doc).breakdowns:
            if group.head is not None:
                result = self._check(group)
                if result is not None:
                    yield result

    def _check(self, group: Breakdown) -> Finding | Checked | None:
        head = group.head
        parts = [p for p in group.parts if p is not head]
        if not parts:
            return None
        relation = ("breakdown", head.figure.location)
        whole = compare(head.figure, total([(1, p.figure) for p in parts]))  # what ``group.adds_up`` asks
        if whole.outcome is Outcome.HOLDS:  # the usual case, verified as check_sum would (not compared twice)
            return Checked((head.figure, *(p.figure for p in parts)))
        if whole.outcome is Outcome.ROUNDING:
            return self._sum(group, parts, relation)
        for n in range(len(parts) - 2, 1, -1):  # the detail has two parts or more
            # "共有车辆5辆，其中：…执法用车1辆…其他用车4辆，其他用车主要是…1辆、1辆、2辆":
            # a leading run adds up and the rest details one of its parts
            lead = parts[:n]
            if sum(1 for p in lead if p.figure.value) >= 2 and \
                    compare(head.figure, total([(1, p.figure) for p in lead])).outcome is Outcome.HOLDS:
                rest = total([(1, p.figure) for p in parts[n:]])
                if any(compare(p.figure, rest).outcome is Outcome.HOLDS for p in lead):
                    return self._sum(group, parts[:n], relation)
        short = whole.difference > 0
        complete = self._complete(group, parts)
        if short and not complete:
            return None
        severity = Severity.ERROR if group.strong and self._shares_close(group) else Severity.WARNING
        return self._sum(group, parts, relation, severity)

    def _sum(self, group: Breakdown, parts, relation, severity=None) -> Finding | Checked:
        # the figures as read (a unit corrected by NAR006 is read in its right unit)
        return check_sum(
            self, group.head.figure, [(1, p.figure) for p in parts],
            stated_label=named(group.head), expected_label="其中所列各项之和", relation=relation,
            severity=severity)

    @staticmethod
    def _complete(group: Breakdown, parts) -> bool:
        if group.shares and all(group.shares):
            return PartsAddUp._shares_close(group)  # shares adding to less than 100%: a partial list
        labels = [p.subject or p.label for p in parts]
        by_definition = any(all(any(term in label for label in labels) for term in partition)
                            for partition in PARTITIONS)
        return group.complete or by_definition or bool(COMPLETE.search(group.head.label)) or len(parts) >= 3

    @staticmethod
    def _shares_close(group: Breakdown) -> bool:
        """Every part has its share and the shares add up to 100%: the list is complete."""
        if not group.shares or not all(group.shares):
            return False
        q = total([(1, s.figure) for s in group.shares])
        return q.lo <= HUNDRED <= q.hi
