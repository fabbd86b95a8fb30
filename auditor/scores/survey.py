"""Questionnaire tables (满意度调查问卷): questions × options with a 标准分值 and
a count of respondents per option, then 问卷总分, 有效问卷份数 and 问卷综合得分.

A survey is recognised by its header: an option column (选项), a value column
(分值/分数) and a count column (问卷数/人数/票数/份数). A question starts at a
row whose 序号 or question cell is filled; each row below it is an option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.memo import once_per
from auditor.model import Document, Figure, Table
from auditor.numbers import parse_cell
from auditor.scores.patterns import compact

OPTION_HEADER = re.compile(r"选项")
VALUE_HEADER = re.compile(r"分值|分数|得分标准")
COUNT_HEADER = re.compile(r"问卷数|人数|票数|份数|选择数|数量|频数")
QUESTION_HEADER = re.compile(r"问题|题目|内容")
VALID = re.compile(r"有效(?:问卷)?(?:份数|数量|数)|有效问卷")
TOTAL = re.compile(r"问卷总分|总分")
AVERAGE = re.compile(r"综合得分|平均得分|平均分|满意度得分")


@dataclass(eq=False)
class Option:
    value: Figure
    count: Figure


@dataclass(eq=False)
class Question:
    text: str
    row: int
    options: list[Option] = field(default_factory=list)


@dataclass(eq=False)
class Survey:
    table: Table
    questions: list[Question] = field(default_factory=list)
    valid: Figure | None = None
    total: Figure | None = None
    full_marks: Figure | None = None  # "问卷总分 | 100 | 4880": the most one respondent can give
    average: Figure | None = None


def _figure(table: Table, row: int, col: int, unit: str) -> Figure | None:
    cell = table.cell_at(row, col)
    if cell is None or cell.row != row or cell.col != col:
        return None
    number = parse_cell(cell.text)
    if number is None or number.unit not in (None, unit, "分", "份", "人"):
        return None
    return Figure(number.text, number.value, unit, number.decimals, table.location(row, col))


def _numbers(table: Table, row: int, unit: str) -> list[Figure]:
    out = []
    for cell in table.row_origins(row):
        figure = _figure(table, row, cell.col, unit)
        if figure is not None:
            out.append(figure)
    return out


def read_survey(table: Table) -> Survey | None:
    header = None
    for row in range(min(3, table.n_rows)):
        origins = table.row_origins(row)
        if not any("选" in c.text for c in origins):  # no 选项 column: most tables, told without patterns
            continue
        texts = {c.col: text for c in origins if (text := compact(c.text))}
        option = [c for c, t in texts.items() if OPTION_HEADER.search(t)]
        value = [c for c, t in texts.items() if VALUE_HEADER.search(t)]
        count = [c for c, t in texts.items() if COUNT_HEADER.search(t) and not VALUE_HEADER.search(t)]
        if option and value and count:
            question = [c for c, t in texts.items() if QUESTION_HEADER.search(t) and c not in option]
            header = (row, value[0], count[0], min(question + option))
            break
    if header is None:
        return None
    start, value_col, count_col, question_col = header
    survey = Survey(table)
    for row in range(start + 1, table.n_rows):
        label = " ".join(compact(c.text) for c in table.row_origins(row) if parse_cell(c.text) is None)
        if VALID.search(label):
            numbers = _numbers(table, row, "人")
            survey.valid = numbers[-1] if numbers else None
            continue
        if AVERAGE.search(label):
            numbers = _numbers(table, row, "人")
            survey.average = _as_score(numbers[-1]) if numbers else None
            continue
        if TOTAL.search(label):
            numbers = _numbers(table, row, "人")
            if numbers:
                survey.total = _as_score(numbers[-1])
                survey.full_marks = _as_score(numbers[0]) if len(numbers) > 1 else None
            continue
        value = _figure(table, row, value_col, "分")
        count = _figure(table, row, count_col, "人")
        if value is None or count is None:
            continue
        starts = any(c.col <= question_col and compact(c.text) for c in table.row_origins(row))
        if starts or not survey.questions:
            text = next((compact(c.text) for c in table.row_origins(row) if c.col == question_col), "")
            survey.questions.append(Question(text, row))
        survey.questions[-1].options.append(Option(value, count))
    return survey if survey.questions else None


def _as_score(figure: Figure) -> Figure:
    return Figure(figure.text, figure.value, "分", figure.decimals, figure.location)


@once_per
def surveys(doc: Document) -> list[Survey]:
    return [s for t in doc.all_tables if (s := read_survey(t)) is not None]
