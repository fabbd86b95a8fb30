"""PRF023 — a group's stated total equals the totals stated for its sub-groups."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from auditor.scores.forms import Group, named, score_forms
from auditor.scores.prose import ProseTotal, prose_totals
from checks.scores._common import sum_check


@register
class ProseHierarchy(Check):
    """文字中一级指标的总分不等于文中各二级指标总分之和。

    What: the report states a total for a group ("部门管理总评价分20分，评价得分17分")
    and, in earlier paragraphs, the totals of each of its sub-groups as the score
    table names them (预算管理 7/3, 财务管理 6/6, 人力资源管理 2/2, 资产管理 2/2,
    业务管理 3/3); the sub-group weights and scores add up to the group's. Checked
    only when every sub-group of the table has a total in the text.
    Why: the narrative's own arithmetic must hold even where the table is not at hand.
    Failing example::

        预算管理…得分3分 财务管理…得分6分 人力资源管理…2分 资产管理…2分 业务管理…3分
        部门管理总评价分20分，评价得分17分   → PRF023 error: 17 ≠ 3 + 6 + 2 + 2 + 3 = 16
    """

    code = "PRF023"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        totals = [t for t in prose_totals(doc) if not t.overall and t.name]
        for form in score_forms(doc):
            for parent in totals:
                if parent.parts:
                    continue  # its own listed sub-scores are PRF020's
                group = named(form, parent.name)
                if not isinstance(group, Group):
                    continue
                subgroups = [c for c in group.children if isinstance(c, Group)]
                if len(subgroups) < 2 or len(subgroups) != len(group.children):
                    continue
                children = [_nearest(totals, c.name, parent) for c in subgroups]
                if any(c is None for c in children):
                    continue
                for what, stated, parts in (
                    ("分值", parent.weight, [c.weight for c in children]),
                    ("得分", parent.score, [c.score for c in children]),
                ):
                    if stated is not None and all(parts):
                        yield sum_check(self, stated, parts, f"文中「{parent.name}」{what}",
                                        f"文中各下级指标{what}之和", ("prose-hierarchy", stated.location), None)


def _nearest(totals: list[ProseTotal], name: str, parent: ProseTotal) -> ProseTotal | None:
    """The total stated for ``name`` closest before the parent's (else after it)."""
    before = [t for t in totals if t.name == name and t.paragraph.index <= parent.paragraph.index and t is not parent]
    if before:
        return before[-1]
    after = [t for t in totals if t.name == name and t is not parent]
    return after[0] if after else None
