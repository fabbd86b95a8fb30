"""Typed frames of the statements and their pandera schemas (pandas is imported here only).

``frame(statement)`` is one row per line: table, row, side, code, name, level
and one column per amount header holding a ``Decimal`` (blank cells 0), the
printed text when the cell is not a number, or None when the line has no such
column. ``schema(statement)`` is the contract of the statement's kind:

- codes: functional 3/5/7 digits (类/款/项) in functional tables, economic
  3/5 digits starting 3 or 5 in the 基本支出 table;
- amounts: numbers only;
- amounts never negative, except 结转/结余 (a balance may be negative).

``problems(statement)`` validates lazily and returns every failure with the
cell it names; it runs pandera only when a cell could fail (a statement of
clean numbers and codes passes by construction), so a clean document never
pays for importing pandas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.model import Location
from auditor.statements.model import Statement
from auditor.statements.recognise import BASIC_DETAIL

FUNCTIONAL_CODE = r"^\d{3}(?:\d{2}){0,2}$"
ECONOMIC_CODE = r"^[35]\d{2}(?:\d{2})?$"
ZERO = Decimal(0)
SIGNED = re.compile(r"结转|结余|差额")
NUMERIC, CODE, NON_NEGATIVE = "numeric", "code_format", "non_negative"


@dataclass(frozen=True)
class Problem:
    check: str  # NUMERIC, CODE or NON_NEGATIVE
    location: Location
    text: str  # the offending text as printed
    column: str  # the header of the column (or "code")


def _code_pattern(statement: Statement) -> str:
    return ECONOMIC_CODE if statement.kind is BASIC_DETAIL else FUNCTIONAL_CODE


def _amount_keys(statement: Statement) -> list[str]:
    keys: list[str] = []
    for side in statement.sides:
        keys += [k for k in side.keys if k not in keys]
    return keys


def _cell(statement: Statement, line, key: str):
    figure = line.amounts.get(key)
    if figure is not None:
        return figure.value
    if key not in line.amounts:
        return None
    col = next(c.col for c in statement.sides[line.side].columns if c.key == key)
    return statement.raw.get((line.table.index, line.row, col))


def frame(statement: Statement):
    """The statement as a typed pandas DataFrame, one row per line."""
    import pandas as pd

    records = []
    for line in statement.lines:
        record = {"table": line.table.index, "row": line.row, "side": line.side,
                  "code": line.printed_code or None, "name": line.name, "level": line.level}
        for key in _amount_keys(statement):
            record[key] = _cell(statement, line, key)
        records.append(record)
    columns = ["table", "row", "side", "code", "name", "level"] + _amount_keys(statement)
    return pd.DataFrame.from_records(records, columns=columns)


def schema(statement: Statement, signed_rows: frozenset[int] = frozenset()):
    """The pandera schema of the statement's kind; ``signed_rows`` (frame index) may be negative."""
    import pandera.pandas as pa

    def numeric(value) -> bool:
        return value is None or isinstance(value, Decimal)

    def non_negative(series):
        return series.index.isin(list(signed_rows)) | series.map(
            lambda v: not isinstance(v, Decimal) or v >= 0).astype(bool)

    amounts = {}
    for key in _amount_keys(statement):
        checks = [pa.Check(numeric, element_wise=True, name=NUMERIC)]
        if not SIGNED.search(key):
            checks.append(pa.Check(non_negative, name=NON_NEGATIVE))
        amounts[key] = pa.Column(object, checks, nullable=True, required=False)
    return pa.DataFrameSchema(
        {
            "code": pa.Column(str, pa.Check.str_matches(_code_pattern(statement), name=CODE), nullable=True),
            "level": pa.Column(str, pa.Check.isin(["类", "款", "项"]), nullable=True),
            **amounts,
        },
        name=statement.kind.key,
    )


def _may_fail(statement: Statement) -> bool:
    if statement.raw:
        return True
    code = re.compile(_code_pattern(statement)).match
    for line in statement.lines:
        if line.printed_code and not code(line.printed_code):
            return True
        for figure in line.amounts.values():
            if figure is not None and figure.value < ZERO:
                return True
    return False


def problems(statement: Statement) -> list[Problem]:
    """Every schema failure of a statement, each naming its cell."""
    if not _may_fail(statement):
        return []
    import pandera.pandas as pa

    data = frame(statement)
    signed = frozenset(i for i, name in enumerate(data["name"]) if SIGNED.search(name or ""))
    try:
        schema(statement, signed).validate(data, lazy=True)
    except pa.errors.SchemaErrors as err:
        return _problems(statement, data, err.failure_cases)
    return []


def _problems(statement: Statement, data, failures) -> list[Problem]:
    out = []
    for _, failure in failures.iterrows():
        check, index = str(failure["check"]), failure["index"]
        if index is None or failure["column"] is None:
            continue
        line = statement.lines[int(index)]
        column = str(failure["column"])
        if column == "code":
            roles, sides, _ = statement.reading
            label_cols = sides[line.side][0]
            col = next((c for c in label_cols if roles[c] == "code"), label_cols[0] if label_cols else 0)
            where = line.table.location(line.row, col)
        elif column in line.amounts:
            col = next(c.col for c in statement.sides[line.side].columns if c.key == column)
            where = line.table.location(line.row, col)
        else:
            continue
        kind = CODE if column == "code" else NUMERIC if check == NUMERIC else NON_NEGATIVE if check == NON_NEGATIVE else check
        out.append(Problem(kind, where, str(failure["failure_case"]), column))
    return out
