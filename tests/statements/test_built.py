"""Statement checks on small documents built in the test, as a new user's files would be."""

from decimal import Decimal

from auditor.engine import audit_document
from auditor.registry import select_checks
from auditor.statements import book

STM = select_checks(["STM", "SCH", "SUM"])


def findings(doc, code=None):
    return [f for f in audit_document(doc, STM).findings if code is None or f.check == code]


def cell(f):
    return (f.where.table, f.where.row, f.where.col)


HEADER_MERGED = (
    [["项目", "", "", "", "本年支出", "", ""],
     ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
     ["类", "款", "项", "", "", "", ""]],
    # 项目 over four columns, 本年支出 over three; 科目编码 over 类|款|项; 科目名称 and amounts merged down
    [(0, 0, 0, 3), (0, 4, 0, 6), (1, 0, 1, 2), (1, 3, 2, 3), (1, 4, 2, 4), (1, 5, 2, 5), (1, 6, 2, 6)],
)


def general_expense(rows, merges=()):
    head, head_merges = HEADER_MERGED
    return head + rows, list(head_merges) + list(merges)


def test_merged_headers_and_three_code_columns_are_read(build):
    rows = [
        ["合计", "", "", "", "300.00", "200.00", "100.00"],
        ["208", "", "", "社会保障和就业支出", "300.00", "200.00", "100.00"],
        ["208", "01", "", "人力资源和社会保障管理事务", "300.00", "200.00", "100.00"],
        ["208", "01", "01", "行政运行", "200.00", "200.00", ""],
        ["", "", "99", "其他人力资源和社会保障管理事务支出", "100.00", "", "100.00"],
    ]
    doc = build("一般公共预算财政拨款支出决算表", "单位：元", general_expense(rows))
    statement = book(doc).first("general_expense")
    assert [l.code for l in statement.coded()] == ["208", "20801", "2080101", "2080199"]
    assert statement.sides[0].keys == ["本年支出/合计", "本年支出/基本支出", "本年支出/项目支出"]
    assert [f.severity.label for f in findings(doc)] == []


def test_a_wrong_item_is_reported_once_with_the_single_cell_that_fixes_it(build):
    rows = [
        ["合计", "", "", "", "300.00", "200.00", "100.00"],
        ["208", "", "", "社会保障和就业支出", "300.00", "200.00", "100.00"],
        ["208", "01", "", "人力资源和社会保障管理事务", "300.00", "200.00", "100.00"],
        ["208", "01", "01", "行政运行", "200.00", "200.00", ""],
        ["208", "01", "99", "其他支出", "100.00", "", "10.00"],  # 项目支出 should be 100.00
    ]
    doc = build("一般公共预算财政拨款支出决算表", "单位：元", general_expense(rows))
    errors = [f for f in findings(doc) if f.severity.label == "error"]
    # the broken row (合计 = 基本 + 项目) and the broken column (款 = Σ项), each once
    assert sorted((f.check, cell(f)) for f in errors) == [("STM002", (0, 7, 4)), ("STM003", (0, 5, 6))]
    row = next(f for f in errors if f.check == "STM002")
    assert (row.stated, row.expected) == (Decimal("100.00"), Decimal("10.00"))
    assert all("表1 第8行 第7列（现为 10.00）应为 100.00" in f.message for f in errors)
    column = next(f for f in errors if f.check == "STM003")
    assert "「20801 人力资源和社会保障管理事务」本年支出/项目支出 100.00 ≠ 其下各项之和（2080101、2080199） 10.00" \
        in column.message and column.arithmetic == "0 + 10.00 = 10.00"


def test_a_wrong_total_is_reported_by_the_statement_check_not_again_by_sum001(build):
    rows = [
        ["合计", "", "", "", "301.00", "200.00", "100.00"],
        ["208", "", "", "社会保障和就业支出", "300.00", "200.00", "100.00"],
        ["208", "01", "", "人力资源和社会保障管理事务", "300.00", "200.00", "100.00"],
        ["208", "01", "01", "行政运行", "300.00", "200.00", "100.00"],
    ]
    doc = build("一般公共预算财政拨款支出决算表", "单位：元", general_expense(rows))
    at_total = [f for f in findings(doc) if cell(f) == (0, 3, 4)]
    assert sorted(f.check for f in at_total) == ["STM002", "STM003"]  # row and column: two relations


SUMMARY_HEAD = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]]


def test_wan_yuan_summary_tells_a_rounding_tail_from_a_real_error(build):
    rows = SUMMARY_HEAD + [
        ["一、一般公共预算财政拨款收入", "100.12", "一、一般公共服务支出", "60.00"],
        ["五、事业收入", "20.13", "五、教育支出", "50.00"],
        ["八、其他收入", "0.13", "", ""],
        ["本年收入合计", "120.39", "本年支出合计", "111.00"],  # Σ = 120.38 (尾差); 111.00 vs 110.00
        ["使用非财政拨款结余", "", "结余分配", ""],
        ["年初结转和结余", "", "年末结转和结余", "9.39"],
        ["总计", "120.39", "总计", "120.39"],
    ]
    doc = build("收入支出决算总表", "金额单位：万元", (rows, [(0, 0, 0, 1), (0, 2, 0, 3)]))
    found = sorted((f.check, f.severity.label, cell(f)) for f in findings(doc) if f.check == "STM001")
    assert found == [("STM001", "error", (0, 5, 3)), ("STM001", "info", (0, 5, 1))]
    error = next(f for f in findings(doc, "STM001") if f.severity.label == "error")
    assert (error.stated, error.expected) == (Decimal("111.00"), Decimal("110.00"))
    tail = next(f for f in findings(doc, "STM001") if f.severity.label == "info")
    assert "尾差" in tail.message and (tail.stated, tail.expected) == (Decimal("120.39"), Decimal("120.38"))


def test_between_tables_class_rows_must_agree(build):
    summary = SUMMARY_HEAD + [
        ["一、一般公共预算财政拨款收入", "300.00", "八、社会保障和就业支出", "300.00"],
        ["本年收入合计", "300.00", "本年支出合计", "300.00"],
        ["总计", "300.00", "总计", "300.00"],
    ]
    expense = [
        ["项目", "", "本年支出合计", "基本支出", "项目支出"],
        ["功能分类科目编码", "科目名称", "", "", ""],
        ["合计", "", "300.00", "200.00", "100.00"],
        ["208", "社会保障和就业支出", "310.00", "210.00", "100.00"],
        ["20801", "人力资源和社会保障管理事务", "310.00", "210.00", "100.00"],
    ]
    doc = build("收入支出决算总表", "单位：元", summary, "支出决算表", "单位：元", expense)
    errors = {(f.check, cell(f)) for f in findings(doc) if f.severity.label == "error"}
    assert ("STM005", (1, 3, 2)) in errors  # 支出决算表 208 ≠ 总表 社会保障和就业支出
    assert ("STM003", (1, 2, 2)) in errors  # 合计 ≠ Σ类 in the same table


def test_basic_detail_blocks_side_by_side_with_merged_total_label(build):
    rows = [
        ["人员经费", "", "", "公用经费", "", ""],
        ["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"],
        ["301", "工资福利支出", "100.00", "302", "商品和服务支出", "50.00"],
        ["30101", "基本工资", "100.00", "30201", "办公费", "50.00"],
        ["303", "对个人和家庭的补助", "20.00", "310", "资本性支出", "5.00"],
        ["30302", "退休费", "20.00", "31002", "办公设备购置", "5.00"],
        ["人员经费合计", "", "121.00", "公用经费合计", "", "55.00"],
    ]
    doc = build("一般公共预算财政拨款基本支出决算表", "单位：元",
                (rows, [(0, 0, 0, 2), (0, 3, 0, 5), (6, 0, 6, 1), (6, 3, 6, 4)]))
    errors = [f for f in findings(doc) if f.severity.label == "error"]
    assert [(f.check, cell(f), f.stated, f.expected) for f in errors] == [
        ("STM004", (0, 6, 2), Decimal("121.00"), Decimal("120.00"))]


def test_three_public_sums_for_budget_and_final(build):
    rows = [
        ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
        ["合计", "因公出国(境)费", "公务用车购置及运行维护费", "", "", "公务接待费",
         "合计", "因公出国(境)费", "公务用车购置及运行维护费", "", "", "公务接待费"],
        ["", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", "", "小计", "公务用车购置费", "公务用车运行维护费", ""],
        ["121200.00", "", "120000.00", "", "120000.00", "2100.00",
         "102573.57", "", "102573.57", "", "102573.75", ""],
    ]
    merges = [(0, 0, 0, 5), (0, 6, 0, 11), (1, 2, 1, 4), (1, 8, 1, 10), (1, 0, 2, 0), (1, 1, 2, 1), (1, 5, 2, 5),
              (1, 6, 2, 6), (1, 7, 2, 7), (1, 11, 2, 11)]
    doc = build("财政拨款“三公”经费支出决算表", "单位：元", (rows, merges))
    errors = sorted((f.check, cell(f)) for f in findings(doc) if f.severity.label == "error")
    assert errors == [("STM007", (0, 3, 0)), ("STM007", (0, 3, 8))]


def test_schema_findings_name_the_cell_and_the_run_goes_on(build):
    rows = [
        ["项目", "", "本年收入合计", "财政拨款收入", "其他收入"],
        ["功能分类科目编码", "科目名称", "", "", ""],
        ["合计", "", "100.00", "90.00", "10.00"],
        ["208", "社会保障和就业支出", "100.00", "90.00", "10.00"],
        ["20801", "人力资源和社会保障管理事务", "100.00", "9O.00", "10.00"],
        ["2080l01", "行政运行", "100.00", "110.00", "-10.00"],
    ]
    doc = build("收入决算表", "单位：元", rows)
    found = {(f.check, cell(f)) for f in findings(doc) if f.check.startswith("SCH")}
    assert found == {("SCH001", (0, 4, 3)), ("SCH002", (0, 5, 0)), ("SCH003", (0, 5, 4))}


def test_a_statement_table_that_cannot_be_read_is_a_coverage_gap(build):
    doc = build("收入支出决算总表", [["收入", "支出"], ["见附件", "见附件"]])
    gaps = findings(doc, "STM090")
    assert len(gaps) == 1 and "收入支出决算总表" in gaps[0].message and gaps[0].severity.label == "info"


def test_a_table_continued_on_the_next_page_is_one_statement(build):
    first = [
        ["项目", "", "本年收入合计", "财政拨款收入"],
        ["功能分类科目编码", "科目名称", "", ""],
        ["合计", "", "300.00", "300.00"],
        ["208", "社会保障和就业支出", "300.00", "300.00"],
    ]
    rest = [["20801", "人力资源和社会保障管理事务", "300.00", "300.00"],
            ["2080101", "行政运行", "200.00", "200.00"],
            ["2080199", "其他人力资源和社会保障管理事务支出", "100.00", "100.00"]]
    doc = build("收入决算表", "单位：元", first, rest)
    statement = book(doc).first("income")
    assert len(statement.tables) == 2 and len(statement.coded()) == 4
    assert [f for f in findings(doc) if f.severity.label != "info"] == []


def test_a_figure_copied_between_wan_yuan_tables_must_be_identical(build):
    # 0.01 万元 apart: inside a sum it could be rounding, but the same total printed twice
    # at the same precision was rounded the same way, so the difference is an error
    summary = SUMMARY_HEAD + [
        ["一、一般公共预算财政拨款收入", "30.00", "八、社会保障和就业支出", "30.00"],
        ["本年收入合计", "30.00", "本年支出合计", "30.00"],
        ["总计", "30.00", "总计", "30.00"],
    ]
    expense = [
        ["项目", "", "本年支出合计", "基本支出", "项目支出"],
        ["功能分类科目编码", "科目名称", "", "", ""],
        ["合计", "", "30.01", "20.00", "10.01"],
        ["208", "社会保障和就业支出", "30.01", "20.00", "10.01"],
    ]
    doc = build("收入支出决算总表", "单位：万元", summary, "支出决算表", "单位：万元", expense)
    errors = sorted((f.check, cell(f)) for f in findings(doc) if f.severity.label == "error")
    assert errors == [("STM005", (1, 2, 2)), ("STM005", (1, 3, 2))]


def test_codes_under_a_merged_project_header_without_a_code_label(build):
    rows = [
        ["项目", "", "本年收入合计", "财政拨款收入", "其他收入"],
        ["合计", "", "300.00", "290.00", "10.00"],
        ["208", "社会保障和就业支出", "300.00", "290.00", "10.00"],
        ["20801", "人力资源和社会保障管理事务", "300.00", "290.00", "10.00"],
        ["2080101", "行政运行", "300.00", "290.00", "10.00"],
    ]
    doc = build("收入决算表", "单位：元", (rows, [(0, 0, 0, 1)]))
    statement = book(doc).first("income")
    assert [l.code for l in statement.coded()] == ["208", "20801", "2080101"]
    assert statement.sides[0].keys == ["本年收入合计", "财政拨款收入", "其他收入"]
