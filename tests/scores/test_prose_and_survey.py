"""Scores stated in prose, grades, and questionnaire tables."""

from decimal import Decimal

from auditor.model import Severity
from auditor.scores.prose import prose_totals

from score_helpers import audit, text_doc

TABLE = """
一级指标\t二级指标\t三级指标\t指标分值\t得分
A部门决策（10分）\tA1部门目标（6分）\tA11规划目标（2分）\t2\t2
\t\tA12年度目标（4分）\t4\t3
\tA2部门职能（4分）\tA21职能明确（4分）\t4\t4
"""


def test_sub_scores_add_up_to_the_stated_group_score():
    doc = text_doc("（1）部门目标设立2个三级指标，规划明确，得2分；目标基本合理，得3分。部门目标总评价分6分，实际得分5分。")
    (total,) = prose_totals(doc)
    assert (total.name, total.weight.text, total.score.text, [p.text for p in total.parts]) == (
        "部门目标", "6分", "5分", ["2分", "3分"])
    assert audit(doc, "PRF020").findings == []


def test_sub_scores_that_do_not_add_up_name_every_figure():
    doc = text_doc("职能明确，得1分；目标适应，得4分；工作匹配，得3分；职责明确，得1分。部门职能总评价分10分，实际得分8分。")
    (finding,) = audit(doc, "PRF020").findings
    assert (finding.check, finding.severity, finding.stated, finding.expected) == (
        "PRF020", Severity.ERROR, Decimal(8), Decimal(9))
    assert [f.text for f in finding.figures] == ["8分", "1分", "4分", "3分", "1分"]


def test_segments_keep_sub_scores_of_another_heading_out():
    doc = text_doc("1、预算执行 得3分，得0分。2、预算管理 制度健全。此项指标应得12分，实得12分。")
    (total,) = prose_totals(doc)
    assert (total.name, total.parts) == ("预算管理", [])
    assert audit(doc, "PRF020").findings == []


def test_deductions_and_ranges_are_not_sub_scores():
    doc = text_doc("人员偏少，扣0.5分，得分1.5分；视情况得0-2分；配置合理，得2分。资源配置总评价分4分，实际得分3.5分。")
    (total,) = prose_totals(doc)
    assert [p.text for p in total.parts] == ["1.5分", "2分"]


def test_group_totals_in_prose_are_compared_with_the_table():
    doc = text_doc(TABLE + "\n部门目标总评价分6分，评价得分5分。部门职能总评价分5分，评价得分4分。")
    found = [(f.check, f.stated, f.expected) for f in audit(doc, "PRF021").findings]
    assert found == [("PRF021", Decimal(5), Decimal(4))]  # 部门职能 weight 5 vs the table's 4


def test_overall_score_and_grade_against_the_table():
    whole = "部门整体支出绩效自评表\n" + TABLE + "总分\t10\t9\n\n"
    doc = text_doc(whole + "经综合评价，部门整体支出绩效评价得分为9分，部门整体支出绩效为“优”。")
    result = audit(doc, "PRF021", "PRF022")
    assert [(f.check, f.severity) for f in result.findings] == [("PRF022", Severity.WARNING)]  # 9 is not 优
    assert result.checked >= 2  # the prose 9分 was matched with the table's 总分
    doc = text_doc(whole + "经综合评价，部门整体支出绩效评价得分为8分。")
    (finding,) = audit(doc, "PRF021").findings
    assert (finding.stated, finding.expected) == (Decimal(8), Decimal(9))


def test_grade_bands_stated_by_the_document_make_a_mismatch_an_error():
    text = "评价结果分为四档：90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。\n" \
           "项目绩效自评得分为85分，属于“优”。"
    (finding,) = audit(text_doc(text), "PRF022").findings
    assert finding.severity is Severity.ERROR and "应为“良”" in finding.message


def test_prose_hierarchy_sums_the_sub_group_totals():
    doc = text_doc(TABLE + "\n部门目标总评价分6分，评价得分5分。\n部门职能总评价分4分，评价得分4分。\n部门决策总评价分10分，评价得分8分。")
    found = [(f.check, f.stated, f.expected) for f in audit(doc, "PRF023").findings]
    assert found == [("PRF023", Decimal(8), Decimal(9))]


SURVEY = """
标题序号\t问题内容\t选项内容\t标准分值\t问卷数
1\t办事是否方便？\tA.方便\t10\t9
\t\tB.一般\t5\t1
2\t服务是否满意？\tA.满意\t10\t8
\t\tB.一般\t5\t2
问卷总分\t\t20\t185\t
有效问卷份数\t\t\t10\t
问卷综合得分\t\t\t18.5\t
"""


def test_a_consistent_survey():
    result = audit(text_doc(SURVEY))
    assert result.findings == []
    assert result.checked >= 10


def test_survey_counts_total_and_average():
    doc = text_doc(SURVEY.replace("B.一般\t5\t2", "B.一般\t5\t3"))
    found = {(f.check, f.stated, f.expected) for f in audit(doc).findings}
    assert ("PRF030", Decimal(10), Decimal(11)) in found  # question 2 answered 11 times
    assert ("PRF031", Decimal(185), Decimal(190)) in found
    doc = text_doc(SURVEY.replace("18.5", "18.6"))
    (finding,) = audit(doc).findings
    assert (finding.check, finding.stated, finding.expected) == ("PRF032", Decimal("18.6"), Decimal("18.5"))
