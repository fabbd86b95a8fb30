"""Finding lines and columns of a statement by their words (never by position)."""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.statements import Line, Statement

YEAR_TOTAL = re.compile(r"^(?:本年)?(?:收入|支出)?合计$")
GRAND_TOTAL = re.compile(r"总计$")
TOTAL = re.compile(r"^(?:合计|总计)$")
FUNDS = {
    "一般公共预算": re.compile(r"一般公共预算"),
    "政府性基金": re.compile(r"政府性基金"),
    "国有资本经营": re.compile(r"国有资本经营"),
}
BALANCE = re.compile(r"结转|结余")
TOTAL_COLUMN = re.compile(r"(?:合计|小计|总计)$")
COMPONENT = re.compile(
    r"基本支出|项目支出|上缴上级|经营|附属单位|财政拨款|上级补助|事业收入|其他收入|一般公共预算|政府性基金|国有资本|人员经费|公用经费"
)


@lru_cache(maxsize=1 << 10)  # column keys are few and asked about by every statement check
def innermost(key: str) -> str:
    """A column key's own header ("本年支出/基本支出#3" → "基本支出")."""
    return key.split("#")[0].rsplit("/", 1)[-1]


def key_of(keys: list[str], pattern: str | re.Pattern) -> str | None:
    """The first column key whose innermost header matches."""
    search = re.compile(pattern).search
    return next((k for k in keys if search(innermost(k))), None)


def total_key(keys: list[str]) -> str | None:
    """The column that totals the row: …合计/…小计/…总计, else a single 金额/决算数 column."""
    return key_of(keys, TOTAL_COLUMN) or (keys[0] if len(keys) == 1 else None)


def is_total(key: str) -> bool:
    return bool(TOTAL_COLUMN.search(innermost(key)))


def final_keys(keys: list[str]) -> list[str]:
    """The 决算 columns when a table also prints 年初/全年预算 columns, else all columns."""
    final = [k for k in keys if "决算" in k]
    return final if final and any("预算" in k and "决算" not in k for k in keys) else keys


def fund_of(label: str) -> str | None:
    return next((name for name, pattern in FUNDS.items() if pattern.search(label)), None)


def named(lines: list[Line], pattern: str | re.Pattern) -> Line | None:
    """The first line whose label matches, preferring one that carries figures."""
    search = re.compile(pattern).search
    found = [line for line in lines if search(line.label)]
    return next((line for line in found if not line.is_empty()), found[0] if found else None)


def total_line(statement: Statement) -> Line | None:
    """The uncoded 合计/总计 line of a classified statement."""
    return named([l for l in statement.lines if not l.code], TOTAL)


def class_lines(statement: Statement) -> list[Line]:
    return [l for l in statement.coded() if l.level == "类"]
