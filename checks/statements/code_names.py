"""STM010 — the same classification code carries the same name in every statement."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from auditor.statements import book


@register
class CodeNames(Check):
    """同一科目编码在不同报表中的科目名称不一致。

    What: a functional or economic code (2080101, 30201) is printed with the same
    科目名称 in every statement of the document. The name most tables use is taken
    as the reference; each table that prints another name gets a warning at the
    name cell.
    Why: names are copied from the classification; a different name usually means
    a template from another year or a typing error, and a reader cannot tell which
    is meant.
    Failing example::

        收入决算表 20801 人力资源和社会管理事务
        支出决算表 20801 人力资源和社会保障管理事务
        一般公共预算支出表 20801 人力资源和社会保障管理事务
        → STM010 warning at 收入决算表: 名称与其他报表不一致
    """

    code = "STM010"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        seen: dict[str, list] = {}
        for statement in book(doc).statements:
            if not statement.kind.classified:
                continue
            for line in statement.by_code().values():
                if line.name:
                    seen.setdefault(line.code, []).append((statement, line))
        for code, uses in seen.items():
            if len({line.label for _, line in uses}) < 2:  # label: the name without spaces and numbering
                continue
            reference, _ = Counter(line.label for _, line in uses).most_common(1)[0]
            for statement, line in uses:
                if line.label == reference:
                    continue
                col = _name_column(statement, line)
                others = "、".join(s.title for s, l in uses if l.label == reference)
                yield self.finding(
                    f"{statement.where}科目 {code} 名为「{line.name}」，而{others}中为「{reference}」",
                    location=line.table.location(line.row, col),
                    relation=("code-name", line.table.index, line.row, code),
                )


def _name_column(statement, line) -> int:
    roles, sides, _ = statement.reading
    label_cols = sides[line.side][0]
    return next((c for c in label_cols if roles[c] == "text"), label_cols[-1] if label_cols else 0)
