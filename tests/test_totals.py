"""SUM001/SUM002 on small tables: holds, tail difference (info), real error."""

from decimal import Decimal

from auditor.engine import audit_document
from auditor.extract import read_document
from auditor.model import Severity
from auditor.registry import select_checks
from builders import build_docx


def audit(tmp_path, *blocks):
    doc = read_document(build_docx(tmp_path / "t.docx", *blocks))
    return audit_document(doc, select_checks(["SUM"]))


ROWS_YUAN = [["项目", "金额"], ["合计", "300.00"], ["货物", "100.00"], ["服务", "200.00"]]


def test_total_row_that_adds_up_gives_no_finding_and_counts_coverage(tmp_path):
    result = audit(tmp_path, "单位：元", ROWS_YUAN)
    assert result.findings == []
    assert (result.figures, result.checked) == (3, 3)


def test_one_fen_off_in_yuan_is_an_error_at_the_total_cell(tmp_path):
    rows = [r[:] for r in ROWS_YUAN]
    rows[3][1] = "199.99"
    (finding,) = audit(tmp_path, "单位：元", rows).findings
    assert (finding.check, finding.severity) == ("SUM001", Severity.ERROR)
    assert finding.where.to_record() == {"table": 0, "row": 1, "col": 1}
    assert (finding.stated, finding.expected, finding.difference) == (
        Decimal("300.00"), Decimal("299.99"), Decimal("0.01"))
    assert "合计「金额」 300.00 ≠ 各行之和 299.99，差 0.01" in finding.message
    assert finding.arithmetic == "100.00 + 199.99 = 299.99"


def test_wan_yuan_tail_difference_is_info_and_a_real_gap_is_an_error(tmp_path):
    tail = [["项目", "金额"], ["合计", "1,367.76"], ["甲", "1,000.00"], ["乙", "367.75"]]
    (finding,) = audit(tmp_path, "单位：万元", tail).findings
    assert finding.severity is Severity.INFO and "尾差" in finding.message
    wrong = [["项目", "金额"], ["合计", "1,367.86"], ["甲", "1,000.00"], ["乙", "367.75"]]
    (finding,) = audit(tmp_path, "单位：万元", wrong).findings
    assert finding.severity is Severity.ERROR and finding.difference == Decimal("0.11")


def test_total_at_the_bottom_sums_the_rows_above(tmp_path):
    rows = [["项目", "金额"], ["货物", "1.00"], ["服务", "2.00"], ["合计", "4.00"]]
    (finding,) = audit(tmp_path, "单位：元", rows).findings
    assert finding.where.row == 3 and finding.expected == Decimal("3.00")


def test_coded_rows_total_at_the_top_level_only(tmp_path):
    rows = [
        ["科目编码", "科目名称", "金额"],
        ["合计", "", "30.00"],
        ["205", "教育支出", "10.00"],
        ["20503", "职业教育", "10.00"],
        ["2050302", "中等职业教育", "10.00"],
        ["208", "社会保障和就业支出", "20.00"],
        ["20801", "行政运行", "20.00"],
    ]
    result = audit(tmp_path, "单位：元", rows)
    assert result.findings == []
    assert result.checked == 3  # the total and the two 类 rows


def test_grand_total_below_a_named_total_adds_the_rows_between(tmp_path):
    rows = [["项目", "金额"], ["一、财政拨款收入", "90.00"], ["二、其他收入", "10.00"],
            ["本年收入合计", "100.00"], ["年初结转和结余", "5.00"], ["总计", "105.00"]]
    assert audit(tmp_path, "单位：元", rows).findings == []


def test_total_column_equals_the_columns_to_its_right(tmp_path):
    rows = [["项目", "本年支出合计", "基本支出", "项目支出"], ["教育", "1,000.00", "600.00", "300.00"]]
    (finding,) = audit(tmp_path, "单位：元", rows).findings
    assert (finding.check, finding.where.to_record()) == ("SUM002", {"table": 0, "row": 1, "col": 1})
    assert finding.expected == Decimal("900.00")
    assert "基本支出 + 项目支出 之和" in finding.message


def test_subtotal_columns_are_not_counted_twice(tmp_path):
    rows = [
        ["合计", "因公出国(境)费", "公务用车购置及运行维护费", "", "", "公务接待费"],
        ["", "", "小计", "购置费", "运行维护费", ""],
        ["121200.00", "", "120000.00", "", "120000.00", "1200.00"],
    ]
    assert audit(tmp_path, "单位：元", rows).findings == []


def test_column_serial_row_and_row_numbers_are_not_amounts(tmp_path):
    rows = [["项目", "行次", "金额"], ["栏次", "", "1"], ["合计", "1", "3.00"], ["甲", "2", "3.00"]]
    result = audit(tmp_path, "单位：元", rows)
    assert result.findings == [] and result.figures == 2
