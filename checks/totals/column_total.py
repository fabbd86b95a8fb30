"""SUM002 — a 合计/小计 column equals the sum of the columns it totals."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Table
from auditor.registry import Check, register
from auditor.relations import check_sum
from auditor.rounding import Outcome, compare, total
from auditor.tables import figure_grid, label_left_of, last_label, layout

TOTAL_COLUMN = re.compile(r"(合计|总计|小计)$")
RANK = {"小计": 1, "合计": 2, "总计": 3}


def _rank(label: str) -> int:
    match = TOTAL_COLUMN.search(last_label(label))
    return RANK[match.group(1)] if match else 0


@register
class ColumnTotal(Check):
    """合计列不等于其右侧各分项列之和。

    What: in every data row, a column headed …合计/…总计/…小计 equals the sum
    of the amount columns to its right, up to the next total column of the same
    or a higher rank (小计 < 合计 < 总计). Columns that are themselves 小计 of
    columns further right are not counted twice; a reading in which the total
    holds over a leading run of those columns is accepted.
    Why: 本年支出合计 = 基本支出 + 项目支出 + …, 合计 = 一般公共预算 + 政府性基金 + …:
    a row that does not add across means one of its figures is wrong.
    Failing example (单位：元)::

        项目 | 本年支出合计 | 基本支出 | 项目支出
        教育 | 1,000.00    | 600.00   | 300.00   → SUM002 error: 1,000.00 ≠ 900.00
    """

    code = "SUM002"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for table in doc.all_tables:
            yield from self._table(table)

    def _table(self, table: Table) -> Iterable[Finding | Checked]:
        info = layout(table)
        labels = info.column_labels
        columns = sorted(info.amount_columns)
        figures = figure_grid(table)
        for col in columns:
            rank = _rank(labels[col])
            if not rank:
                continue
            span = []
            for other in columns:
                if other <= col:
                    continue
                if _rank(labels[other]) >= rank or labels[other] == labels[col]:
                    break
                span.append(other)
            if not span:
                continue
            direct = [c for c in span if not _rank(labels[c])]
            readings = [direct] + [span[:n] for n in range(2, len(span))]
            for row in range(info.header_rows, table.n_rows):
                stated = figures.get((row, col))
                if stated is None:
                    continue
                result = self._relation(table, row, col, stated, readings, figures)
                if result is not None:
                    yield result

    def _relation(self, table, row, col, stated, readings, figures):
        chosen = None
        for reading in readings:
            parts = [(1, figures[(row, c)]) for c in reading if (row, c) in figures]
            if not parts:
                continue
            chosen = chosen or parts
            if compare(stated, total(parts)).outcome is not Outcome.MISMATCH:
                chosen = parts
                break
        if chosen is None:
            return None
        labels = layout(table).column_labels
        names = " + ".join(last_label(labels[f.location.col]) or f"第{f.location.col + 1}列" for _, f in chosen)
        label = label_left_of(table, row, col) or f"第{row + 1}行"
        return check_sum(
            self, stated, chosen,
            stated_label=f"「{label}」行 {last_label(labels[col])}", expected_label=f"{names} 之和",
            relation=("sum-of-columns", stated.location),
            context=f"「{table.title}」：",
        )
