"""NAR006 — an amount printed with the wrong unit (元 labelled 万元 or the reverse)."""

from __future__ import annotations

from typing import Iterable

from auditor.claims import unit_fixes
from auditor.findings import Checked, Finding
from auditor.model import Document
from auditor.registry import Check, register
from checks.narrative._common import named, printed

@register
class AmountUnit(Check):
    """金额单位错误：文中金额的单位与表格或同句其他金额矛盾（元写成万元等）。

    What: an amount in the prose whose digits are those of a table figure in the
    other money unit (at least six significant digits, and no table figure with
    the same digits in the printed unit), or whose sentence's completion rate
    holds only when the amount is read in the unit of its sibling, is reported;
    the other narrative checks then read it in the proven unit.
    Why: "支出决算25552618.58万元" overstates spending ten thousand times; a
    reader who converts it, or a machine that aggregates it, goes wrong.
    Failing example: "教育支出年初预算10650400元，支出决算25552618.58万元，完成年初
    预算的239.92%" with 公开05表 教育支出 25,552,618.58 (单位：元) → NAR006 error:
    the amount is in 元, not 万元.
    """

    code = "NAR006"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for token, proof, reason in unit_fixes(doc):
            yield self.finding(
                f"{named(token)}的单位应为{token.unit}而非{token.printed_unit}：{reason}",
                figures=(printed(token), proof), stated=token.figure.value,
                relation=("unit", token.figure.location), confidence="inferred")
