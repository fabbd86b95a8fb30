"""Statement kinds come from the title's words (决算 and 部门预算 names), never from position."""

import pytest

from auditor.model import Cell, Table
from auditor.statements.recognise import title_and_kind


def kind_of(*caption: str, first_row: str = "项目") -> str | None:
    table = Table(index=0, grid=[[Cell(0, 0, first_row)]], caption=list(caption))
    found = title_and_kind(table)
    return found[1].key if found else None


@pytest.mark.parametrize("title, kind", [
    ("收入支出决算总表", "summary"),
    ("2026年部门财务收支预算总表", "summary"),
    ("部门收支总表", "summary"),
    ("收入决算表", "income"),
    ("部门收入总表", "income"),
    ("支出决算表", "expense"),
    ("部门支出总表", "expense"),
    ("财政拨款收入支出决算总表", "fiscal_summary"),
    ("财政拨款收支预算总表", "fiscal_summary"),
    ("一般公共预算财政拨款支出决算表", "general_expense"),
    ("一般公共预算支出表", "general_expense"),
    ("一般公共预算财政拨款基本支出决算表", "basic_detail"),
    ("一般公共预算基本支出表", "basic_detail"),
    ("财政拨款“三公”经费支出决算表", "three_public"),
    ("“三公”经费、行政参公单位机关运行经费情况表", "three_public"),
    ("政府性基金预算财政拨款收入支出决算表", "gov_fund"),
    ("国有资本经营预算财政拨款支出决算表", "state_capital"),
    ("部门决算公开相关信息统计表", "related_info"),
    ("附件3：收入决算表（公开02表）", "income"),
    ("项目支出绩效自评表", None),
    ("2021年度部门整体支出绩效评价基础数据表", None),
    ("项目支出表", None),
])
def test_kind_from_title(title, kind):
    assert kind_of(title) == kind


def test_the_nearest_title_wins_and_notes_are_not_titles():
    assert kind_of("收入决算表", "公开03表", "支出决算表", "注：本表反映部门本年度取得的各项收入情况。", "金额单位：元") == "expense"


def test_title_in_the_first_row():
    assert kind_of("第二部分 2022年部门决算表说明", first_row="收入支出决算总表") == "summary"
