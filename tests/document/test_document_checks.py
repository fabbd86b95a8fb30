"""DOC003 years, DOC004 comparison wording, DOC005 template residue — on small documents."""

from auditor.engine import audit_document
from auditor.extract import read_document
from auditor.model import Severity
from auditor.registry import select_checks
from builders import build_docx


def findings(tmp_path, code, *blocks):
    doc = read_document(build_docx(tmp_path / "d.docx", *blocks))
    return audit_document(doc, select_checks([code])).findings


COVER = "2022年度部门决算公开"


def test_comparison_with_a_year_other_than_the_previous_one_is_flagged(tmp_path):
    (f,) = findings(tmp_path, "DOC003", COVER, "与2020年相比，收入总计减少5.00万元，下降1.00%。")
    assert f.severity is Severity.WARNING and "2020年" in f.message and "2021年" in f.message
    assert f.where.to_record() == {"paragraph": 1, "start": 0, "end": 8}


def test_years_that_fit_the_report_year_pass(tmp_path):
    assert findings(tmp_path, "DOC003", COVER, ("h1", "第二部分 2022年度部门决算表"),
                    "与2021年相比，收入总计减少5.00万元。", "截至2022年12月31日，共有车辆5辆。",
                    "本报告于2023年5月10日完成。") == []


def test_wrong_year_in_a_heading_and_as_of_date(tmp_path):
    result = findings(tmp_path, "DOC003", COVER, ("h1", "第二部分 2021年度部门决算表"),
                      "截至2021年12月31日，共有车辆5辆。", ("h2", "三、2019年度支出情况"))
    assert [(f.where.paragraph, f.message.split("：")[0]) for f in result] == [
        (2, "年份 2021年 与报告年度不符"), (3, "年份 2019年 与报告年度不符")]


def test_truncated_year_is_flagged(tmp_path):
    (f,) = findings(tmp_path, "DOC003", COVER, "202 年度部门收支情况")
    assert "年份不完整" in f.message


def test_wording_contradicted_by_the_amounts_is_an_error(tmp_path):
    (f,) = findings(tmp_path, "DOC004", "公务接待费支出预算为30万元，支出决算为2.47万元，决算数大于预算数的主要原因是…")
    assert f.severity is Severity.ERROR
    assert "应为“小于”" in f.message
    assert [fig.text for fig in f.figures] == ["2.47万元", "30万元"]


def test_wording_that_agrees_passes_and_counts_coverage(tmp_path):
    doc = read_document(build_docx(tmp_path / "d.docx",
                                   "年初预算为16万元，支出决算为16万元，完成年初预算的100%，决算数等于年初预算数。",
                                   "年初预算为0万元，支出决算为28.02万元，决算数大于年初预算数的主要原因是：追加。"))
    result = audit_document(doc, select_checks(["DOC004"]))
    assert result.findings == [] and result.checked == 4


def test_equal_within_rounding_is_equal(tmp_path):
    assert findings(tmp_path, "DOC004", "年初预算为10000元，支出决算为1.00万元，决算数与预算数持平。") == []
    (f,) = findings(tmp_path, "DOC004", "年初预算为10000元，支出决算为1.10万元，决算数与预算数持平。")
    assert "应为“大于”" in f.message


def test_change_without_its_rate_is_a_warning(tmp_path):
    (f,) = findings(tmp_path, "DOC004", "机关运行经费比上年增加4.68万元，增长。")
    assert f.severity is Severity.WARNING and "未给出增减幅度" in f.message


def test_template_residue_is_flagged_with_its_text(tmp_path):
    result = findings(tmp_path, "DOC005", "XX局2022年财政拨款收入27,807.61万元，比上年增加增加27.45万元，",
                      "政府性基金拨款支出预算0万元，与上年预算增加持平（或与预算数持平），占（ ）%。")
    assert [(f.where.paragraph, f.message) for f in result] == [
        (0, "占位符未替换：“XX”"), (0, "词语重复：“增加增加”"), (1, "增减与持平矛盾的套话：“增加持平”"),
        (1, "模板说明未删除：“（或与预算数持平）”"), (1, "括号未填写：“（ ）”")]
    assert all(f.severity is Severity.WARNING for f in result)


def test_clean_text_has_no_residue(tmp_path):
    assert findings(tmp_path, "DOC005", "单位负责人（签章）： _____ 年 月 日", "收入增加27.45万元，增长3.1%。") == []


def test_texts_are_scanned_one_by_one_even_when_found_by_one_search_over_the_document(tmp_path):
    # the clue search runs over all texts at once; a year is still never read across two texts,
    # and residue is found in the first and the last text and inside a table cell
    result = findings(tmp_path, "DOC003", COVER, "本年度预算于20", " 年度完成编制。", [["项目", "202 年度"]])
    assert [(f.where.describe(), f.message) for f in result] == [("表1 第1行 第2列", "年份不完整：“202 年度”")]
    result = findings(tmp_path, "DOC005", "XX局部门决算", "收入", [["项目", "支出支出"]], "占（ ）%")
    assert [(f.where.describe(), f.message) for f in result] == [
        ("第1段", "占位符未替换：“XX”"), ("第3段", "括号未填写：“（ ）”"), ("表1 第1行 第2列", "词语重复：“支出支出”")]
