"""NAR012 — a class amount of the spending structure equals its items explained below."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import claims
from auditor.claims.labels import key
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.relations import check_sum
from checks.narrative._common import named


@register
class ClassEqualsItsItems(Check):
    """类级金额与其下各项说明之和不符：结构说明中的“X支出”不等于具体情况中“X（类）”各项之和。

    What: the 财政拨款支出决算结构 lists the amount of each class ("一般公共服务支出
    28.02万元，占1.23%；…"); the 具体情况 then explains every item under a heading
    naming its class ("1、一般公共服务支出（类）组织事务（款）其他组织事务支出（项）。
    年初预算为0万元，支出决算为28.02万元…"). When the items add up to the total
    they break down (the list is complete), the items headed by a class must add
    up to that class's amount (rounding-aware), for the 决算 and the 年初预算 alike.
    Why: the two sections describe one table (公开05表) from two sides; an item
    under the wrong class heading or a class amount that its items do not make
    shows a misprinted figure or a misfiled item.
    Failing example: structure "卫生健康支出74.06万元"; items "11、卫生健康支出（类）…
    支出决算为57.88万元" and "12、卫生健康支出（类）…支出决算为16.29万元" → NAR012
    warning: 57.88 + 16.29 = 74.17 ≠ 74.06.
    A warning: the heading may name the wrong class rather than an amount being wrong.
    """

    code = "NAR012"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        groups = claims(doc).breakdowns
        itemised = [g for g in groups if all(p.category for p in g.parts) and g.adds_up]
        for items in itemised:
            for group in groups:
                if group is items or group.head is None or group.head.role != items.head.role or \
                        group.head.figure.value != items.head.figure.value or group.head.unit != items.head.unit:
                    continue
                for cls in group.parts:
                    mine = [p for p in items.parts if key(p.category) == key(cls.subject)]
                    if mine:
                        yield check_sum(
                            self, cls.figure, [(1, p.figure) for p in mine],
                            stated_label=named(cls), expected_label=f"其下按“{mine[0].category}（类）”说明的各项之和",
                            relation=("class-items", cls.figure.location))
