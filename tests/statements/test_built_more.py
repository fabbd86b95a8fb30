"""More layouts: titles inside the table, 财政拨款 总表 fund balance, 相关信息统计表, empty tables."""

from decimal import Decimal

from auditor.engine import audit_document
from auditor.registry import select_checks
from auditor.statements import book

STM = select_checks(["STM", "SCH", "SUM"])


def found(doc, severity=None):
    return sorted((f.check, f.severity.label, (f.where.table, f.where.row, f.where.col))
                  for f in audit_document(doc, STM).findings if severity is None or f.severity.label == severity)


def test_title_and_unit_in_the_first_rows_of_the_table(build):
    rows = [
        ["一般公共预算财政拨款支出决算表", "", "", "", ""],
        ["单位：万元", "", "", "", ""],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["合计", "", "12.35", "10.00", "2.35"],
        ["2080101", "行政运行", "12.35", "10.00", "2.35"],
    ]
    doc = build((rows, [(0, 0, 0, 4), (1, 0, 1, 4)]))
    statement = book(doc).first("general_expense")
    assert statement.unit == "万元"
    assert statement.sides[0].keys == ["合计", "基本支出", "项目支出"]
    assert found(doc) == []


FISCAL = [
    ["收入", "", "支出", "", "", ""],
    ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
    ["一、一般公共预算财政拨款", "100.00", "一、一般公共服务支出", "90.00", "90.00", ""],
    ["二、政府性基金预算财政拨款", "20.00", "二、城乡社区支出", "20.00", "", "20.00"],
    ["本年收入合计", "120.00", "本年支出合计", "110.00", "90.00", "20.00"],
    ["年初财政拨款结转和结余", "5.00", "年末财政拨款结转和结余", "15.00", "{closing}", "0.00"],
    ["一般公共预算财政拨款", "5.00", "", "", "", ""],
    ["政府性基金预算财政拨款", "", "", "", "", ""],
    ["收入总计", "125.00", "总计", "125.00", "105.00", "20.00"],
]


def fiscal(closing):
    return [[c.replace("{closing}", closing) for c in row] for row in FISCAL]


def test_fiscal_summary_balances_per_fund(build):
    doc = build("财政拨款收入支出决算总表", "单位：元", (fiscal("15.00"), [(0, 0, 0, 1), (0, 2, 0, 5)]))
    assert found(doc) == []


def test_fiscal_summary_fund_that_does_not_balance(build):
    # 一般公共预算: 100 + 5 ≠ 90 + 16; the 年末 column and 总计 also stop adding up
    doc = build("财政拨款收入支出决算总表", "单位：元", (fiscal("16.00"), [(0, 0, 0, 1), (0, 2, 0, 5)]))
    errors = found(doc, "error")
    assert ("STM001", "error", (0, 4, 4)) in errors  # fund balance, stated at 本年支出合计 一般公共预算
    assert all(cell[2] in (3, 4) for _, _, cell in errors)
    findings = [f for f in audit_document(doc, STM).findings if f.severity.label == "error"]
    assert any("表1 第6行 第5列（现为 16.00）应为 15.00" in f.message for f in findings)


def test_related_information_table(build):
    procurement = [
        ["政府采购支出总额", "政府采购货物支出", "政府采购工程支出", "政府采购服务支出", "授予中小企业合同金额"],
        ["100.00", "40.00", "10.00", "50.00", "120.00"],
    ]
    assets = [
        ["项目", "行次", "数量"],
        ["二、国有资产占用情况", "", ""],
        ["车辆数合计(辆)", "6", "5"],
        ["1.主要领导干部用车", "7", "1"],
        ["2.其他用车", "8", "3"],
    ]
    doc = build("政府采购情况表", "单位：元", procurement, "国有资产占用情况统计表", assets)
    # 中小企业 120.00 > 总额 100.00 (shown at the part); 5 辆 ≠ 1 + 3 (counts are exact)
    assert found(doc) == [("STM009", "error", (0, 1, 4)), ("STM009", "error", (1, 2, 2))]


def test_empty_statement_needs_a_note(build):
    head = [["项目", "", "本年支出", "", ""], ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["合计", "", "", "", ""]]
    silent = build("国有资本经营预算财政拨款支出决算表", "单位：元", head)
    noted = build("国有资本经营预算财政拨款支出决算表", "单位：元", head, "说明：本单位无国有资本经营预算财政拨款支出，故本表无数据。",
                  name="noted.docx")
    assert found(silent) == [("STM090", "info", (0, None, None))]
    assert found(noted) == []


def test_budget_summary_is_recognised_with_its_own_words(build):
    rows = [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算拨款收入", "278,076,101", "一、社会保障和就业支出", "278,076,101"],
        ["本年收入合计", "278,076,101", "本年支出合计", "278,076,101"],
        ["上年结转", "", "结转下年", ""],
        ["收入总计", "278,076,101", "支出总计", "278,075,101"],
    ]
    doc = build("2026年部门财务收支预算总表", "单位：元", (rows, [(0, 0, 0, 1), (0, 2, 0, 3)]))
    assert book(doc).first("summary") is not None
    errors = [f for f in audit_document(doc, STM).findings if f.severity.label == "error"]
    # 支出总计 breaks two relations (= 本年支出合计 + 结转下年, = 收入总计): each reported once,
    # both naming 支出总计 as the one figure to correct
    assert [(f.check, f.stated, f.expected) for f in errors] == [("STM001", Decimal("278075101"), Decimal("278076101"))] * 2
    assert all("表1 第6行 第4列（现为 278,075,101）应为 278,076,101" in f.message for f in errors)


def test_budget_and_final_column_groups_add_up_separately(build):
    rows = [
        ["科目编码", "科目名称", "年初预算数", "", "", "决算数", "", ""],
        ["", "", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"],
        ["合计", "", "90.00", "60.00", "30.00", "100.00", "70.00", "30.00"],
        ["2080101", "行政运行", "90.00", "60.00", "30.00", "100.00", "70.00", "31.00"],
    ]
    doc = build("一般公共预算财政拨款支出决算表", "单位：元", (rows, [(0, 2, 0, 4), (0, 5, 0, 7)]))
    errors = [f for f in audit_document(doc, STM).findings if f.severity.label == "error"]
    # only the 决算 group of row 4 is broken: 100.00 ≠ 70.00 + 31.00 (not 60 + 30 + 70 + 31)
    assert [(f.check, f.where.row, f.where.col, f.expected) for f in errors if f.check == "STM002"] == [
        ("STM002", 3, 5, Decimal("101.00"))]


def test_budget_basic_expense_table_total_is_the_general_budget_basic_spending(build):
    general = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["合计", "", "150.00", "120.00", "30.00"],
        ["2080101", "行政运行", "150.00", "120.00", "30.00"],
    ]
    basic = [
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ["合计", "", "121.00", "101.00", "20.00"],
        ["301", "工资福利支出", "101.00", "101.00", ""],
        ["302", "商品和服务支出", "20.00", "", "20.00"],
    ]
    doc = build("一般公共预算支出表", "单位：元", general, "一般公共预算基本支出表", "单位：元", basic)
    assert [s.kind.key for s in book(doc).statements] == ["general_expense", "basic_detail"]
    errors = [(f.check, f.where.table, f.where.row, f.where.col) for f in audit_document(doc, STM).findings
              if f.severity.label == "error"]
    assert errors == [("STM005", 0, 1, 3)]  # 基本支出 120.00 ≠ 基本支出表 合计 121.00


def test_three_public_rows_by_group_with_a_running_cost_column(build):
    rows = [
        ["项目", "合计", "因公出国(境)费", "公务用车购置及运行维护费", "", "", "公务接待费", "机关运行经费"],
        ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", ""],
        ["预算数", "10.00", "1.00", "6.00", "2.00", "4.00", "3.00", "50.00"],
        ["决算数", "9.50", "1.00", "5.00", "2.00", "3.00", "3.00", "45.00"],
    ]
    merges = [(0, 3, 0, 5), (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 6, 1, 6), (0, 7, 1, 7)]
    doc = build("“三公”经费、行政参公单位机关运行经费情况表", "单位：万元", (rows, merges))
    errors = [(f.check, f.where.row, f.where.col, f.expected) for f in audit_document(doc, STM).findings
              if f.severity.label == "error"]
    assert errors == [("STM007", 3, 1, Decimal("9.00"))]  # 决算数 合计 9.50 ≠ 1.00 + 5.00 + 3.00


def test_an_of_which_column_cannot_exceed_its_whole(build):
    rows = [
        ["科目编码", "科目名称", "金额", "其中：基本支出"],
        ["302", "商品和服务支出", "50.00", "60.00"],
        ["30201", "办公费", "50.00", "60.00"],
    ]
    doc = build("一般公共预算财政拨款支出决算明细表", "单位：元", rows)
    found_bounds = [(f.check, f.where.row, f.where.col) for f in audit_document(doc, STM).findings
                    if f.check == "STM006"]
    assert found_bounds == [("STM006", 1, 3), ("STM006", 2, 3)]


def test_items_directly_under_a_class_are_its_children_when_it_has_no_subclass(build):
    rows = [
        ["科目编码", "科目名称", "合计"],
        ["合计", "", "300.00"],
        ["208", "社会保障和就业支出", "300.00"],
        ["2080101", "行政运行", "200.00"],
        ["2080199", "其他支出", "90.00"],  # the class says 300.00
        ["210", "卫生健康支出", ""],
    ]
    doc = build("一般公共预算财政拨款支出决算表", "单位：元", rows)
    assert [c for c in found(doc, "error") if c[0] == "STM003"] == [("STM003", "error", (0, 2, 2))]
    error = next(f for f in audit_document(doc, STM).findings if f.check == "STM003" and f.severity.label == "error")
    assert (error.stated, error.expected) == (Decimal("300.00"), Decimal("290.00"))
    assert "其下各项之和（2080101、2080199）" in error.message
