"""Each narrative check on small documents: holds, rounding (info), real error."""

from decimal import Decimal
from pathlib import Path

from auditor.engine import audit_document
from auditor.extract import assemble
from auditor.extract.text import split_blocks
from auditor.model import Severity
from auditor.registry import select_checks


def audit(*lines: str, select=("NAR",)):
    doc = assemble(Path("t.txt"), split_blocks(list(lines)))
    return audit_document(doc, select_checks(list(select)))


def only(result, code):
    return [f for f in result.findings if f.check == code]


def test_share_on_the_named_whole_holds_and_a_wrong_one_is_an_error():
    ok = audit("2022年度支出合计84,968,418.97元。", "财政拨款支出84,968,418.97元，占本年支出合计的100.00%。")
    assert ok.findings == [] and ok.checked == 3
    wrong = audit("2022年度支出合计84,968,418.97元。", "财政拨款支出84,386,179.09元，占本年支出合计的100.00%。")
    (finding,) = only(wrong, "NAR001")
    assert finding.severity is Severity.ERROR and finding.confidence == "inferred"
    assert (finding.stated, finding.expected) == (Decimal("100.00"), Decimal("99.31"))
    assert finding.where.to_record() == {"paragraph": 1, "start": 29, "end": 36}
    assert [f.text for f in finding.figures] == ["100.00%", "84,386,179.09元", "84,968,418.97元"]


def test_share_of_a_list_is_checked_against_the_list_total_and_rounding_is_info():
    lines = ["2021年度本年支出合计2276.26万元，其中：基本支出2144.35万元，占94.2%；项目支出131.91万元，占5.8%。"]
    assert audit(*lines).findings == []
    (finding,) = audit(lines[0].replace("占94.2%", "占94.5%")).findings
    assert (finding.check, finding.severity, finding.expected) == ("NAR001", Severity.ERROR, Decimal("94.2"))
    (one_off,) = audit(lines[0].replace("占94.2%", "占94.3%")).findings
    assert one_off.severity is Severity.WARNING  # off by one in the last decimal
    tails = audit("本年支出合计2276.26万元，其中：基本支出2144.35万元，占94.21%；项目支出131.91万元，占5.79%。").findings
    # 2144.35 ÷ 2276.26 = 94.2049…: 94.21 is within the rounding of the two amounts
    assert [(f.severity, f.expected) for f in tails] == [(Severity.INFO, Decimal("94.20")), (Severity.INFO, Decimal("5.80"))]


def test_shares_without_a_total_must_close_to_100():
    assert only(audit("公务接待费支出决算2.47万元，占75.54%，公务用车运行维护费支出决算0.80万元，占24.46%。"),
                "NAR002") == []
    total, share = only(audit("公务接待费支出决算2.47万元，占75.54%，公务用车运行维护费支出决算0.80万元，占34.46%。"),
                        "NAR002")
    assert (share.stated, share.expected) == (Decimal("34.46"), Decimal("24.46"))  # 0.80 ÷ (2.47 + 0.80)
    assert total.stated == Decimal("110.00") and total.severity is Severity.ERROR


def test_completion_rate_recomputed_and_zero_budget_flagged():
    ok = audit("项目全年预算数为142.4万元，执行数为100万元，完成预算的70.22%。")
    assert ok.findings == []
    (finding,) = audit("项目全年预算数为142.4万元，执行数为100万元，完成预算的80.22%。").findings
    assert (finding.check, finding.severity, finding.expected) == ("NAR003", Severity.ERROR, Decimal("70.22"))
    (zero,) = audit("年初预算为0万元，支出决算为28.02万元，完成年初预算的100%。").findings
    assert zero.severity is Severity.WARNING and "零基数" in zero.message


def test_execution_rate_against_an_initial_budget_is_only_a_warning():
    (finding,) = audit("本年度支出数为1885.44万元，年初预算数为1401.15万元，预算执行率为100%。").findings
    assert (finding.check, finding.severity) == ("NAR003", Severity.WARNING)


def test_year_on_year_rate_follows_from_current_and_change():
    (finding,) = audit("住房保障支出决算数2179836.72元，较上年增加368789.9元，增长31.25%。").findings
    assert (finding.check, finding.severity) == ("NAR004", Severity.ERROR)
    assert (finding.stated, finding.expected) == (Decimal("31.25"), Decimal("20.36"))
    assert "1,811,046.82" in finding.message
    assert audit("住房保障支出决算数2179836.72元，较上年增加368789.9元，增长20.36%。").findings == []


def test_direction_word_and_flat_must_match_the_two_years():
    (wrong_way,) = audit("2023年度三公经费支出2.79万元。2022年度三公经费支出20.50万元。较上年度三公经费支出增加86.39%。").findings
    assert wrong_way.check == "NAR004" and "实为减少" in wrong_way.message
    (flat,) = audit("2023年度公务接待费0.38万元。2022年度公务接待费0.14万元。公务接待费与上年持平。").findings
    assert "持平" in flat.message


def test_no_rate_on_a_zero_base():
    (finding,) = audit("农林水支出决算数58810元，较上年增加58810元，增长100%。").findings
    assert finding.check == "NAR004" and "上年数为0" in finding.message


def test_breakdown_parts_must_add_up():
    assert audit("聘任专业技术岗7210人，其中高级职称2745人，中级职称2664人，初级职称1801人。").findings == []
    (finding,) = audit("聘任专业技术岗7210人，其中高级职称2745人，中级职称2664人，初级职称1811人。").findings
    assert (finding.check, finding.severity, finding.expected) == ("NAR005", Severity.WARNING, Decimal("7220"))
    # a partial list (two categories that need not cover the total) is not reported when short
    assert audit("全市完成培训193907人，其中脱贫劳动力25827人，新增技能人才25929人。").findings == []


def test_breakdown_with_a_detailed_last_part_is_accepted():
    line = "本部门共有车辆5辆。其中：执法执勤用车1辆、其他用车4辆，其他用车主要是押运车1辆，应急用车1辆，公务出行车2辆。"
    assert only(audit(line), "NAR005") == []


def test_unit_contradicted_by_the_table_is_an_error_and_other_checks_read_the_right_unit():
    result = audit("单位：元", "项目\t金额", "教育支出\t25,552,618.58",
                   "教育支出年初预算10650400元，支出决算25552618.58万元，完成年初预算的239.92%。")
    (finding,) = result.findings
    assert (finding.check, finding.severity) == ("NAR006", Severity.ERROR)
    assert "单位应为元而非万元" in finding.message and finding.figures[0].unit == "万元"


def test_same_quantity_in_prose_and_table_and_prose():
    lines = ["三、支出决算情况说明", "2021年度本年支出合计2276.26万元，其中：基本支出2144.35万元；项目支出131.91万元。",
             "二、绩效自评", "2021年我局基本支出2160.26万元。",
             "单位：万元", "经费控制情况\t2021年决算数", "一、部门基本支出\t2160.26"]
    (finding,) = only(audit(*lines), "NAR007")
    assert finding.severity is Severity.ERROR and finding.where.paragraph == 1
    assert [f.text for f in finding.figures] == ["2144.35万元", "2160.26万元", "2160.26"]
    without_table = audit(*lines[:4])
    (warning,) = only(without_table, "NAR007")
    assert warning.severity is Severity.WARNING
    assert {f.location.paragraph for f in warning.figures} == {1, 3}


def test_income_and_expense_totals_must_balance():
    (finding,) = only(audit("2021年度收入总计2276.26万元。", "2021年度支出总计2276.27万元。"), "NAR007")
    assert finding.severity is Severity.WARNING


def test_repeated_sentence_with_other_numbers():
    before = "全面抓好我县2023年事业单位公开招聘和高校毕业生招募工作，圆满完成各项招聘工作。"
    (first, second) = (before + "抓好人才回归工作，从县外调入事业单位人员32人，专业技术人才27人。",
                       before + "抓好人才回归工作，从县外调入事业单位人员23人，专业技术人才27人。")
    (finding,) = only(audit(first, second), "NAR008")
    assert finding.severity is Severity.WARNING and {f.text for f in finding.figures} == {"32人", "23人"}


def test_a_copy_differing_only_in_spacing_tags_and_commas_is_a_copy():
    # the wording is compared with numbers masked, spacing and pasted tags dropped and "，" read as ","
    before = "全面抓好我县2023年事业单位公开招聘和高校毕业生招募工作，圆满完成各项招聘工作。"
    (first, second) = (before + "抓好人才回归工作，从县外调入事业单位人员32人，专业技术人才27人。",
                       before + "抓好人才 回归工作,从县外调入<b>事业单位</b>人员23人，专业技术人才27人。")
    (finding,) = only(audit(first, second), "NAR008")
    assert {f.text for f in finding.figures} == {"32人", "23人"}
    # the words inside a pasted tag do not count: without them the sentence is a formula, no copy
    short = "<注释：此处为粘贴时留下的文字>人员32人，技术人才27人。"
    assert only(audit(before + short, before + short.replace("32人", "33人")), "NAR008") == []


def test_unresolved_claim_is_info_without_figures():
    result = audit("全市城镇新增就业969人，占目标任务的107.67%。")
    (finding,) = result.findings
    assert (finding.check, finding.severity, finding.figures) == ("NAR090", Severity.INFO, ())
    assert "107.67%" in finding.message and result.checked == 0


def test_parts_complete_by_definition_must_not_fall_short():
    line = "财政拨款基本支出39,269,574.22元，其中：人员经费35,356,219.25元；公用经费3,913,354.96元。"
    (finding,) = audit(line).findings
    assert (finding.check, finding.expected) == ("NAR005", Decimal("39269574.21"))
    # shares adding to less than 100% say the list is partial: no sum is expected
    partial = "财政拨款支出84,386,179.09元，其中：人员经费35,356,219.25元，占比41.90%；日常公用经费3,913,354.97元，占比4.64%。"
    assert audit(partial).findings == []


def test_a_change_whose_current_figure_is_uncertain_is_a_warning():
    line = "培训支出100.00万元，其中会议费20.00万元，差旅费30.00万元。较上年增加10.00万元，增长20.00%。"
    (finding,) = only(audit(line), "NAR004")
    assert finding.severity is Severity.WARNING  # 30.00 is nearest, but the sentence states three amounts


def test_count_rate_named_by_its_stem():
    assert audit("共受理信访案件34件，已化解33件，未化解1件，化解率97.06%。").findings == []
    (finding,) = audit("共受理信访案件34件，已化解33件，未化解1件，化解率98.06%。").findings
    assert (finding.check, finding.severity, finding.expected) == ("NAR003", Severity.WARNING, Decimal("97.06"))


def test_a_truncated_rate_is_info_on_rounded_amounts_and_a_warning_on_exact_counts():
    (amounts,) = audit("积极争取项目资金1900.00万元，占目标任务数1500.00万元的126.6%。").findings
    assert amounts.severity is Severity.INFO and "截断" in amounts.message
    (counts,) = audit("城镇职工基本养老保险参保41957人，完成目标任务的38700人的108.41%。").findings
    assert counts.severity is Severity.WARNING and counts.expected == Decimal("108.42")


def test_budget_documents_compare_budgets_year_on_year():
    assert audit("2026年收入预算27,807.61万元，比2025年预算增加27.45万元，增长0.10%。").findings == []
    (finding,) = audit("收入:792.22万元。同比上年度增加189.25万元,增加32.39%。").findings
    assert (finding.check, finding.severity, finding.expected) == ("NAR004", Severity.ERROR, Decimal("31.39"))


def test_one_off_in_the_last_decimal_is_a_warning():
    (finding,) = audit("机关运行经费支出185.41万元，比2024年度增加4.68 万元，增长 2.60%。").findings
    assert (finding.severity, finding.expected) == (Severity.WARNING, Decimal("2.59")) and "末位相差1" in finding.message


def test_shares_naming_one_unstated_whole_cannot_exceed_100():
    (finding,) = audit("基本支出预算2476260.58元，占一般公共预算支出的84.06%，项目支出469500元，"
                       "占一般公共预算支出的19.62%。").findings
    assert (finding.check, finding.stated) == ("NAR002", Decimal("103.68")) and "超过100%" in finding.message


def test_prior_stated_with_its_year_and_a_fund_name_is_not_a_budget():
    (finding,) = audit("2025年公务接待费决算1969万元，较2024年的2190万元减少221万元，下降11.1%。").findings
    assert (finding.check, finding.expected) == ("NAR004", Decimal("10.1"))  # 221 ÷ 2190
    ok = audit("一般公共预算财政拨款支出年初预算为4628.17万元，支出决算为4733.14万元，完成年初预算的102.27%。")
    assert ok.findings == []


def test_a_change_of_the_final_amount_named_by_its_role():
    line = "“三公”经费财政拨款支出年初预算为 21.00 万元，支出决算为 16.95 万元，完成预算的 80.71%，决算数比 2024 年度增加 5.07 万元，增长 42.68%。"
    result = audit(line)
    assert result.findings == [] and result.checked == 5  # 16.95 − 5.07 = 11.88; 5.07 ÷ 11.88 = 42.68%


def test_a_long_first_sentence_repeated_in_another_paragraph():
    text = "全年累计发放企业养老待遇金额12992.78万元，机关事业单位离退休人员3791人，全年累计发放机关事业单位养老待遇32982.22万元。"
    assert only(audit(text, text), "NAR008") == []
    (finding,) = only(audit(text, text.replace("3791人", "3719人")), "NAR008")
    assert {f.text for f in finding.figures} == {"3791人", "3719人"}


def test_a_copy_whose_opening_was_edited_must_keep_the_numbers():
    body = "2023年度年初预算安排1401.15万元，2022年度年初预算安排1217.55万元，较上年度增加15.08%。"
    first, second = "1.资金落实情况寻甸县人社局" + body, "寻甸县人社局" + body
    assert only(audit(first, second), "NAR008") == []
    (finding,) = only(audit(first, second.replace("1217.55", "1217.56")), "NAR008")
    assert finding.severity is Severity.WARNING and {f.text for f in finding.figures} == {"1217.55万元", "1217.56万元"}
    # a template line for another item differs in more than one number: not a copy
    other = second.replace("1401.15", "1500.00").replace("15.08%", "23.20%")
    assert only(audit(first, other), "NAR008") == []


def test_the_change_of_one_quantity_stated_twice_must_agree():
    lines = ["2021年度收入总计2276.26万元。与上年相比，减少450.26万元，减少16.51%。",
             "2021年度支出总计2276.26万元。与上年相比，减少450.27万元，减少16.51%。"]
    (finding,) = only(audit(*lines), "NAR007")
    assert finding.severity is Severity.WARNING and {f.text for f in finding.figures} == {"450.26万元", "450.27万元"}
    assert only(audit(lines[0], lines[1].replace("450.27", "450.26")), "NAR007") == []


def test_daily_public_expenses_are_the_public_expenses():
    (finding,) = only(audit("2022年日常公用经费3,913,354.97元。", "2022年公用经费3,913,354.98元。"), "NAR007")
    assert {f.text for f in finding.figures} == {"3,913,354.97元", "3,913,354.98元"}


def test_a_copy_mixing_two_versions_of_a_sentence_is_reported_at_the_mixed_number():
    before = "全面抓好我县2023年事业单位公开招聘和高校毕业生招募工作，圆满完成各项招聘工作。"
    one, other = (before + "抓好人才回归工作，从县外调入事业单位人员32人，其中专业技术人才27人、管理人才5人。",
                  before + "抓好人才回归工作，从县外调入事业单位人员23人，其中专业技术人才19人、管理人才4人。")
    mixed = other.replace("23人", "32人")
    findings = only(audit(one, other, one, other, mixed), "NAR008")
    assert any({f.text for f in finding.figures} == {"32人", "23人"} and finding.figures[0].location.paragraph == 4
               for finding in findings)


THREE_PUBLIC = ["2022年度“三公”经费财政拨款支出预算121,200.00元，支出决算102,573.57元，比上年度减少3,966.77元。其中：",
                "因公出国（境）费支出0.00元，与上年相同；",
                "公务用车运行维护费支出102,573.57元，比上年度减少3,966.77元；",
                "公务接待费支出0.00元，与上年相同。"]


def serious(result):
    return [f for f in result.findings if f.severity >= Severity.WARNING]


def test_the_change_of_a_total_is_the_sum_of_the_changes_of_its_parts():
    assert serious(audit(*THREE_PUBLIC)) == []
    lines = THREE_PUBLIC[:2] + [THREE_PUBLIC[2].replace("3,966.77", "3,966.78")] + THREE_PUBLIC[3:]
    (finding,) = only(audit(*lines), "NAR009")
    assert finding.severity is Severity.WARNING and finding.where.paragraph == 0
    assert (finding.stated, finding.expected) == (Decimal("3966.77"), Decimal("3966.78"))
    assert [f.text for f in finding.figures] == ["3,966.77元", "3,966.78元"]


def test_the_change_of_a_total_may_be_stated_in_another_section():
    lines = ["2022年财政拨款支出84,386,179.09元。与2021年相比，财政拨款支出减少206,631,899.10元。",
             "2022年度财政拨款支出年初预算45,821,677.68元，支出决算84,386,179.09元。其中：",
             "教育支出年初预算10650400元，支出决算25552618.58元，较上年决算增加5108595.51元。",
             "社会保障和就业支出年初预算31526558.33元，支出决算数58833560.51元，较上年减少211740494.61元。"]
    assert only(audit(*lines), "NAR009") == []
    (finding,) = only(audit(*lines[:2], lines[2].replace("5108595.51", "5108595.52"), lines[3]), "NAR009")
    assert (finding.stated, finding.expected) == (Decimal("206631899.10"), Decimal("206631899.09"))
    assert finding.where.paragraph == 0
    # parts that do not make the total say nothing of its change
    assert only(audit(*lines[:3]), "NAR009") == []


def test_a_balance_is_the_budget_less_the_spending():
    line = "“金保工程”运转维护经费。年初预算142.4万元及时、足额到账，支出100万元，用于维护费支出，结余42.4万元至下一年度。"
    assert audit(line).findings == []
    (finding,) = audit(line.replace("结余42.4", "结余24.4")).findings
    assert (finding.check, finding.severity) == ("NAR010", Severity.WARNING)  # 年初预算 may have been adjusted
    assert (finding.stated, finding.expected) == (Decimal("24.4"), Decimal("42.40"))
    assert [f.text for f in finding.figures] == ["24.4万元", "142.4万元", "100万元"]
    (final,) = audit("项目全年预算数为142.4万元，执行数为100万元，结转结余32.4万元。").findings
    assert (final.check, final.severity) == ("NAR010", Severity.ERROR)


def test_a_rate_of_100_percent_says_the_two_figures_are_equal():
    assert audit("线下接到投诉举报案件831件，结案831件，结案率100%。").findings == []
    (finding,) = audit("线下接到投诉举报案件831件，结案832件，结案率100%。").findings  # 832 ÷ 831 = 100.12%
    assert (finding.check, finding.severity) == ("NAR003", Severity.WARNING)
    assert [f.text for f in finding.figures] == ["100%", "832件", "831件"]
    (share,) = only(audit("本年收入合计2,276.26元，其中：财政拨款收入2,276.27元，占100%。"), "NAR001")
    assert (share.check, share.severity) == ("NAR001", Severity.ERROR)


STRUCTURE = ["2021年度财政拨款支出2276.26万元，主要用于以下方面：一般公共服务支出28.02万元，占1.23%；"
             "科学技术支出78万元，占3.43%；社会保障和就业支出2096.17万元，占92.09%；卫生健康支出74.06万元，占3.25%。",
             "2021年度财政拨款支出年初预算数为1594.95万元，支出决算数为2276.26万元，完成年初预算的142.72%，其中：",
             "1、一般公共服务支出（类）组织事务（款）其他组织事务支出（项）。", "年初预算为0万元，支出决算为28.02万元。",
             "2、科学技术支出（类）其他科学技术支出（款）其他科学技术支出（项）。", "年初预算为0万元，支出决算为78万元。",
             "3、社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）。",
             "年初预算为1594.95万元，支出决算为2096.17万元。",
             "4、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。", "年初预算为0万元，支出决算为57.88万元。",
             "5、卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）。", "年初预算为0万元，支出决算为16.18万元。"]


def test_a_class_amount_is_the_sum_of_the_items_headed_by_that_class():
    assert only(audit(*STRUCTURE), "NAR012") == []
    misfiled = STRUCTURE[:4] + ["2、一般公共服务支出（类）科学技术支出（款）其他科学技术支出（项）。"] + STRUCTURE[5:]
    (finding,) = only(audit(*misfiled), "NAR012")
    assert finding.severity is Severity.WARNING and finding.where.paragraph == 0
    assert (finding.stated, finding.expected) == (Decimal("28.02"), Decimal("106.02"))
    assert [f.text for f in finding.figures] == ["28.02万元", "28.02万元", "78万元"]


def test_a_table_section_without_its_own_amount_is_the_sum_of_its_sub_rows():
    lines = ["2022年度收入总计85,813,977.30元。", "2022年机关运行经费支出2,593,189.51元，比2021年减少336,666.15元，下降11.49%。",
             "部门决算公开相关信息统计表", "金额单位：元",
             "二、机关运行经费\t\t", "项目\t行次\t统计数",
             "(一) 行政单位\t5\t1183793.33", "(二) 参照公务员法管理事业单位\t6\t1409396.18",
             "三、国有资产占用情况\t\t"]
    assert only(audit(*lines), "NAR007") == []
    (finding,) = only(audit(lines[0], lines[1].replace("2,593,189.51", "2,593,189.52"), *lines[2:]), "NAR007")
    assert finding.severity is Severity.ERROR
    assert [f.text for f in finding.figures] == ["2,593,189.52元", "1183793.33", "1409396.18"]


PROJECT = ["就业见习补助资金项目绩效自评综述：根据年初设定的绩效目标，项目绩效自评得分100分。"
           "项目全年预算2980000元，执行数2980000元，执行率为100%。",
           "就业见习补助资金项目支出绩效自评表",
           "项目名称\t就业见习补助资金\t\t\t\t",
           "项目资金预算安排及执行进度(万元)\t年初预算数\t全年预算数\t全年执行数\t执行率\t得分",
           "资金总额:\t298\t298\t298\t100\t10"]


def test_a_project_summary_states_the_amounts_of_its_form():
    assert only(audit(*PROJECT), "NAR011") == []
    (finding,) = only(audit(PROJECT[0].replace("全年预算2980000", "全年预算2990000"), *PROJECT[1:]), "NAR011")
    assert finding.severity is Severity.ERROR and finding.where.paragraph == 0
    assert [f.text for f in finding.figures] == ["2990000元", "298"]  # 298万元 holds 2,975,000–2,985,000 元
    # a sentence naming the project in passing is not its summary
    passing = "社会保障和就业支出年初预算3000000元，支出决算数2980000元，完成年初预算的99.33%，用于就业见习补助资金。"
    assert only(audit(passing, *PROJECT[1:]), "NAR011") == []
