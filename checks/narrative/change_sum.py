"""NAR009 — the change of a total from the prior year equals the changes of its parts."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import Breakdown, Change, Token, claims
from auditor.claims.labels import same_subject
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.relations import check_sum
from checks.narrative._common import named


@register
class ChangeOfPartsAddsUp(Check):
    """分项增减额之和与总额增减额不符：总数较上年的变动不等于其中各项变动之和。

    What: when a total is broken down into parts that add up to it ("财政拨款支出
    决算84,386,179.09元。其中：教育支出…较上年增加5108595.51元；社会保障和就业支出…
    较上年减少212135193.01元；…") and the change from the prior year is stated
    for the total and for every part (an amount, or 与上年相同/持平 for no
    change), the total's change must equal the sum of the parts' signed changes
    (rounding-aware). The total's change may be stated in another section, for
    the same quantity of the same year with the same value ("与2021年相比，财政
    拨款支出减少206,631,899.10元").
    Why: this year's parts and last year's parts both add up to their totals, so
    the changes must too: a part's change mistyped, or left from last year's
    text, breaks the equation.
    Failing example: "“三公”经费…支出决算102,573.57元，…比上年度减少3,966.77元。
    其中：因公出国（境）费支出0.00元，…与上年相同；…公务用车运行维护费支出
    102,573.57元，…比上年度减少3,966.77元；公务接待费支出0.00元，…与上年相同" with
    the last change printed 3,966.78 → NAR009 warning.
    A warning, not an error: a part spent last year and nothing this year is
    not listed among this year's parts, yet its change counts in the total's.
    """

    code = "NAR009"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        found = claims(doc)
        by_current: dict[int, list[Change]] = {}
        for change in found.changes:
            if change.current is not None and (change.amount is not None or change.direction == 0):
                by_current.setdefault(id(change.current), []).append(change)
        for group in found.breakdowns:
            result = self._check(group, by_current, found.changes)
            if result is not None:
                yield result

    def _check(self, group: Breakdown, by_current: dict, changes: list[Change]) -> Finding | Checked | None:
        head = group.head
        parts = [p for p in group.parts if p is not head]
        if len(parts) < 2:
            return None
        part_changes = [by_current.get(id(p), [None])[0] for p in parts]
        if None in part_changes or not group.adds_up:
            return None  # (when the parts do not make the total, their changes need not make its change)
        head_change = _change_of(head, by_current, changes)
        if head_change is None:
            return None
        signed = [(c.direction * head_change.direction, c.amount.figure) for c in part_changes if c.direction]
        if not signed:
            return None
        return check_sum(
            self, head_change.amount.figure, signed,
            stated_label=f"{named(head)}较上年{head_change.word or '变动'}", expected_label="其中各项增减额之和",
            relation=("change-sum", head_change.amount.figure.location))


def _change_of(head: Token, by_current: dict, changes: list[Change]) -> Change | None:
    """The total's change with an amount: stated of this very figure, else of the same quantity
    (same subject, role, year and value) in another sentence, when all such statements agree."""
    own = [c for c in by_current.get(id(head), []) if c.amount is not None]
    if own:
        return own[0]
    label = head.subject or head.label
    same = [c for c in changes if c.amount is not None and c.direction and c.strong and c.current is not None
            and c.current.role == head.role and c.current.year == head.year and c.current.unit == head.unit
            and c.current.figure.value == head.figure.value
            and same_subject(c.current.subject or c.current.label, label)]
    amounts = {(c.direction, c.amount.figure.value, c.amount.unit) for c in same}
    return same[0] if len(amounts) == 1 else None
