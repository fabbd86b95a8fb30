"""Indicator tables: score ≤ weight, group weights and scores, totals, label weights."""

from decimal import Decimal

from auditor.model import Severity
from auditor.scores.forms import score_forms

from score_helpers import audit, text_doc

PROJECT = """
项目支出绩效自评表
一级指标\t二级指标\t三级指标\t分值\t得分\t偏差原因
产出指标（50分）\t数量指标\t新增就业人数\t30\t30\t
\t质量指标\t结案率\t20\t18\t有偏差
效益指标（30分）\t社会效益指标\t畅通率\t30\t30\t
满意度指标（20分）\t满意度\t服务对象满意度\t20\t20\t
总分\t100\t98\t
"""


def findings(doc, *codes):
    return [(f.check, f.severity, f.where.describe(), f.stated, f.expected) for f in audit(doc, *codes).findings]


def test_a_consistent_project_table_reads_as_a_tree_and_raises_nothing():
    doc = text_doc(PROJECT)
    (form,) = score_forms(doc)
    assert [g.name for g in form.groups()] == ["产出指标", "效益指标", "满意度指标"]
    assert [leaf.score.text for leaf in form.leaves()] == ["30", "18", "30", "20"]
    result = audit(doc)
    assert result.findings == []
    assert result.checked >= 10


def test_score_above_weight_is_an_error_at_the_score_cell():
    doc = text_doc(PROJECT.replace("结案率\t20\t18", "结案率\t20\t21").replace("100\t98", "100\t101"))
    assert ("PRF001", Severity.ERROR, "表1 第3行 第5列", Decimal(21), Decimal(20)) in findings(doc, "PRF001")


def test_group_weight_that_its_indicators_do_not_add_up_to():
    doc = text_doc(PROJECT.replace("结案率\t20\t18", "结案率\t25\t18"))
    result = audit(doc, "PRF003").findings
    (finding,) = result
    assert (finding.check, finding.stated, finding.expected) == ("PRF003", Decimal(50), Decimal(55))
    assert finding.message.endswith("「产出指标（50分）」分值 50分 ≠ 下级指标分值之和 55，差 -5")
    assert finding.arithmetic == "30 + 25 = 55"


def test_total_score_is_exact_a_hundredth_off_is_an_error():
    doc = text_doc(PROJECT.replace("100\t98", "100\t98.01"))
    (finding,) = audit(doc, "PRF006").findings
    assert (finding.check, finding.severity, finding.stated, finding.expected) == (
        "PRF006", Severity.ERROR, Decimal("98.01"), Decimal(98))


def test_total_weight_other_than_the_groups_sum():
    doc = text_doc(PROJECT.replace("满意度指标（20分）", "满意度指标（10分）").replace("服务对象满意度\t20\t20", "服务对象满意度\t10\t10").replace("100\t98", "100\t88"))
    (finding,) = audit(doc, "PRF005").findings
    assert (finding.stated, finding.expected) == (Decimal(100), Decimal(90))


def test_without_a_printed_total_weight_a_scale_off_100_is_a_warning():
    doc = text_doc(PROJECT.replace("总分\t100\t98", "总分\t\t98").replace("畅通率\t30\t30", "畅通率\t20\t20")
                   .replace("效益指标（30分）", "效益指标（20分）").replace("\t98", "\t88"))
    (finding,) = audit(doc, "PRF005").findings
    assert finding.severity is Severity.WARNING and "不是100分" in finding.message


def test_subtotal_rows_with_dashes_are_groups_with_stated_weight_and_score():
    doc = text_doc("""
\t二级指标\t三级指标\t参考分值\t设定分值\t计算分析情况\t评价得分
绩效情况\t投入\t\t6\t6\t——\t5.00
\t预算配置\t在职人员控制率\t3\t4.00\t…\t4.00
\t\t重点支出安排率\t3\t2.00\t…\t1.00
\t产出\t\t4\t4\t——\t4.00
\t职责履行\t完成实绩情况\t4\t4.00\t…\t4.00
综合得分\t\t10\t\t9.00\t\t
""")
    (form,) = score_forms(doc)
    assert form.weight_columns == ["参考分值", "设定分值"]
    assert audit(doc).findings == []
    broken = text_doc("""
\t二级指标\t三级指标\t参考分值\t设定分值\t计算分析情况\t评价得分
绩效情况\t投入\t\t6\t6\t——\t6.00
\t预算配置\t在职人员控制率\t3\t4.00\t…\t4.00
\t\t重点支出安排率\t3\t2.00\t…\t1.00
""")
    (finding,) = audit(broken, "PRF004").findings
    assert (finding.stated, finding.expected) == (Decimal(6), Decimal(5))


def test_indicator_codes_decide_the_tree_and_label_weights_are_compared():
    doc = text_doc("""
一级指标\t二级指标\t三级指标\t指标分值\t得分
C部门绩效（30分）\tC1部门产出（10分）\tC11就业数量（10分）\t10\t10
\t\tC21参保情况（5分）\t5\t5
\tC2部门效果（21分）\tC22C104社保工作（6分）（5分）\t5\t5
\t\tC25满意度（5分）\t10\t10
""")
    (form,) = score_forms(doc)
    c2 = next(g for g in form.groups() if g.code == "C2")
    assert [leaf.code for leaf in c2.leaves()] == ["C21", "C22", "C25"]  # C21 printed under C1
    result = {(f.check, f.stated, f.expected) for f in audit(doc).findings}
    assert ("PRF003", Decimal(21), Decimal(20)) in result  # 5 + 5 + 10
    assert ("PRF007", Decimal(5), Decimal(10)) in result  # C25 label (5分) vs column 10
    assert any(code == "PRF008" for code, _, _ in result)  # （6分）（5分）


def test_rule_text_maximum_is_a_warning():
    doc = text_doc("""
三级指标\t分值\t得分\t评分细则
就业数量\t6\t6\t目标任务完成>=100%，分数值0-3分。
""")
    (finding,) = audit(doc, "PRF002").findings
    assert finding.severity is Severity.WARNING and (finding.stated, finding.expected) == (6, 3)


def test_rows_that_lost_a_leading_cell_are_read_right_aligned_across_a_page_break(docx_doc):
    doc = docx_doc(
        "项目支出绩效自评表",
        [["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "偏差原因"],
         ["", "产出指标（60分）", "数量指标", "发卡数", "≧5万张", "6万张", "40", "40"],
         ["", "", "", "制卡率", "100%", "100%", "20", "20", ""],
         ["", "满意度指标", "", "", "", "", "", ""]],
        "（40分）",
        [["服务对象满意度指标", "群众满意度", "≧90%", "98%", "40", "38", "", ""],
         ["总分", "100", "98", "", "", "", "", ""]],
    )
    (form,) = score_forms(doc)
    satisfaction = form.groups()[-1]
    assert [f.text for f in satisfaction.declared] == ["40分"]  # the caption between the pieces
    assert [leaf.score.text for leaf in satisfaction.leaves()] == ["38"]
    assert audit(doc).findings == []


def test_vertically_merged_group_labels(docx_doc):
    rows = [["一级指标", "三级指标", "分值", "得分"],
            ["产出指标（30分）", "甲", "10", "10"],
            ["", "乙", "20", "19"],
            ["效益指标（70分）", "丙", "70", "70"],
            ["合计", "", "100", "99"]]
    doc = docx_doc((rows, [(1, 0, 2, 0)]))
    (form,) = score_forms(doc)
    assert [len(g.leaves()) for g in form.groups()] == [2, 1]
    assert audit(doc).findings == []


def test_stated_positive_formula_recomputes_quantitative_scores():
    table = """
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标（10分）\t数量指标\t结案数\t≥40件\t18件\t5\t5
\t\t失业率\t≤6%\t5.3%\t5\t5
"""
    note = "定量指标计分原则: 正向指标(即目标值为≥X, 得分=权重*B/A), 反向指标(即目标值为≤X, 得分=权重*A/B), 得分不得突破权重。"
    (finding,) = audit(text_doc(table + note), "PRF040").findings
    assert (finding.severity, finding.stated, finding.expected) == (Severity.WARNING, Decimal(5), Decimal(2))
    assert audit(text_doc(table), "PRF040").findings == []  # no formula stated: nothing assumed


def test_a_negative_score_is_an_error():
    doc = text_doc(PROJECT.replace("结案率\t20\t18", "结案率\t20\t-2").replace("100\t98", "100\t78"))
    (finding,) = audit(doc, "PRF001").findings
    assert finding.stated == Decimal(-2) and "为负数" in finding.message


def test_unreadable_rows_and_empty_score_tables_are_info_gaps():
    doc = text_doc("""
三级指标\t指标值\t分值\t得分\t说明
甲\t5\t\t\t
乙\t≥5人\t6\t6\t
""")
    (gap,) = audit(doc, "PRF090").findings
    assert (gap.severity, gap.where.describe()) == (Severity.INFO, "表1 第2行 第1列")
    assert "对不上" in gap.message
    (empty,) = audit(text_doc("三级指标\t分值\t得分\n\t\t"), "PRF090").findings
    assert "未读到任何指标行" in empty.message


def test_tables_without_score_columns_are_not_score_tables():
    doc = text_doc("项目\t金额\n合计\t300\n货物\t100\n服务\t200")
    assert score_forms(doc) == [] and audit(doc).findings == []


def test_totals_written_as_weight_slash_score_or_as_a_lone_figure():
    body = """
一级指标\t三级指标\t分值\t得分
产出指标（60分）\t甲\t60\t58
效益指标（40分）\t乙\t40\t38
"""
    slash = text_doc(body + "合计\t100分 / 96\t\t\n")
    (total,) = score_forms(slash)[0].totals
    assert (total.weight.text, total.score.text) == ("100分", "96")
    assert audit(slash).findings == []
    wrong = text_doc(body + "合计\t100分 / 97\t\t\n")
    (finding,) = audit(wrong).findings
    assert (finding.check, finding.stated, finding.expected) == ("PRF006", Decimal(97), Decimal(96))
    lone = text_doc(body + "\t100分\t\t\n")  # an unlabelled last row: the total weight
    assert audit(lone).findings == [] and score_forms(lone)[0].totals[0].single.text == "100分"
