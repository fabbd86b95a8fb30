"""The claim grammar: what it reads from formulaic sentences."""

from decimal import Decimal
from pathlib import Path

from auditor.claims import claim_figures, claims, coverage, unit_fixes
from auditor.extract import assemble
from auditor.extract.text import split_blocks


def doc_of(*lines: str):
    return assemble(Path("t.txt"), split_blocks(list(lines)))


def values(tokens):
    return [t.figure.text for t in tokens]


def test_a_list_after_qizhong_split_over_paragraphs_is_one_breakdown_with_its_shares():
    doc = doc_of("2022年度收入合计85,813,977.30元，其中：",
                 "财政拨款收入84,386,179.09元，占比98.34%；",
                 "事业收入1,427,798.21元，占比1.66%。")
    (group,) = claims(doc).breakdowns
    assert group.head.figure.text == "85,813,977.30元" and group.strong
    assert values(group.parts) == ["84,386,179.09元", "1,427,798.21元"]
    assert values(group.shares) == ["98.34%", "1.66%"]
    (first, second) = claims(doc).shares
    assert first.whole is group.head and first.part.subject == "财政拨款收入"


def test_a_share_names_its_whole_after_zhan_de():
    doc = doc_of("2021年度本年支出合计2276.26万元。",
                 "2021年度财政拨款支出2276.26万元，占本年支出合计的100%。")
    (share,) = claims(doc).shares
    assert share.whole_label == "本年支出合计" and share.strong
    assert share.whole.figure.location.paragraph == 0


def test_completion_rate_reads_budget_and_final_amounts_of_its_sentence():
    doc = doc_of("年初预算为1279.55万元，支出决算为1469.81万元，完成年初预算的114.87%。")
    (rate,) = claims(doc).rates
    assert (rate.kind, rate.strict) == ("completion", True)
    assert (rate.numerator.figure.text, rate.denominator.figure.text) == ("1469.81万元", "1279.55万元")


def test_target_rate_takes_the_target_stated_inline():
    doc = doc_of("城镇职工基本养老保险参保41956人，完成目标任务的38700人的108.41%。")
    (rate,) = claims(doc).rates
    assert rate.kind == "target"
    assert (rate.numerator.figure.value, rate.denominator.figure.value) == (Decimal(41956), Decimal(38700))


def test_change_finds_the_current_figure_in_the_previous_sentence():
    doc = doc_of("住房保障支出年初预算2289982.64元，支出决算数2179836.72元。较上年增加368789.9元，增长31.25%。")
    (change,) = claims(doc).changes
    assert change.direction == 1 and change.word == "增加"
    assert values([change.current, change.amount, change.pct]) == ["2179836.72元", "368789.9元", "31.25%"]


def test_rate_only_change_takes_the_prior_year_figure_of_the_same_item():
    doc = doc_of("2023年度三公经费支出2.79万元。2022年度三公经费支出20.50万元。较上年度三公经费支出减少86.39%。")
    (change,) = claims(doc).changes
    assert (change.current.figure.text, change.prior.figure.text) == ("2.79万元", "20.50万元")


def test_stated_prior_with_a_bare_wan():
    doc = doc_of("2023年本年收入1868.58万元，较上年收入1760.86万增加6.12%。")
    (change,) = claims(doc).changes
    assert change.prior.figure.unit == "万元" and change.prior.figure.value == Decimal("1760.86")


def test_parenthesised_list_breaks_down_the_amount_before_the_parenthesis():
    doc = doc_of("下发公开招聘计划1865人（其中市直209人，各县（区、市）1656人）。")
    (group,) = claims(doc).breakdowns
    assert group.head.figure.text == "1865人" and values(group.parts) == ["209人", "1656人"]


def test_amount_with_table_digits_in_the_other_unit_is_read_in_the_table_unit():
    doc = doc_of("单位：元", "项目\t金额", "教育支出\t25,552,618.58",
                 "教育支出年初预算10650400元，支出决算25552618.58万元，完成年初预算的239.92%。")
    ((token, proof, reason),) = unit_fixes(doc)
    assert (token.printed_unit, token.unit) == ("万元", "元") and proof.location.is_cell
    assert claims(doc).rates[0].numerator is token


def test_coverage_counts_claims_found_and_resolved():
    doc = doc_of("2021年度本年支出合计2276.26万元，其中：基本支出2144.35万元，占94.2%；项目支出131.91万元，占5.8%。",
                 "社会保障卡持卡人数达到337.2万人，完成任务的100.6%。")
    found, resolved = coverage(doc)
    assert (found, resolved) == (4, 3)  # the list, two shares, and a rate without its target
    assert {f.text for f in claim_figures(doc)} == {"2276.26万元", "2144.35万元", "94.2%", "131.91万元", "5.8%"}


def test_a_total_named_gong_followed_by_its_parts_clause_by_clause():
    doc = doc_of("2021年度我单位共支出4533.57万元，基本支出1317.83万元，项目支出3215.74万元。")
    (group,) = claims(doc).breakdowns
    assert group.head.figure.text == "4533.57万元" and values(group.parts) == ["1317.83万元", "3215.74万元"]


def test_qizhong_not_followed_by_a_part_is_not_a_list():
    assert claims(doc_of("其中榆社古建实现建制输出，外出就业达到3000人规模。")).breakdowns == []


def test_fund_names_are_not_budget_roles_and_prior_years_are_priors():
    (fund, prior, current) = claims(doc_of("一般公共预算财政拨款支出4733.14万元；较2024年的2190万元，本年1969万元。")).tokens
    assert (fund.role, prior.role, current.role) == ("actual", "prior", "actual")


def test_a_balance_names_the_budget_and_the_spending_before_it():
    doc = doc_of("年初预算142.4万元及时、足额到账，支出100万元，用于维修费支出，结余42.4万元至下一年度。")
    (balance,) = claims(doc).balances
    assert values([balance.budget, balance.spent, balance.balance]) == ["142.4万元", "100万元", "42.4万元"]
    assert balance in claims(doc).all and coverage(doc) == (1, 1)


def test_amounts_below_a_class_heading_belong_to_that_class():
    doc = doc_of("财政拨款支出年初预算数为16万元，支出决算数为28.02万元，其中：",
                 "1、一般公共服务支出（类）组织事务（款）其他组织事务支出（项）。",
                 "年初预算为0万元，支出决算为28.02万元。",
                 "2、 社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）。",
                 "年初预算为16万元，支出决算为0万元。")
    tokens = claims(doc).tokens
    assert [t.category for t in tokens] == ["", "", "一般公共服务支出", "一般公共服务支出", "社会保障和就业支出",
                                            "社会保障和就业支出"]


def test_a_class_heading_names_only_the_amounts_right_after_it():
    doc = doc_of("1、一般公共服务支出（类）组织事务（款）其他组织事务支出（项）。",
                 "本项目按规定执行。",
                 "年初预算为0万元，支出决算为28.02万元。")
    assert [t.category for t in claims(doc).tokens] == ["", ""]


def test_a_flat_statement_is_read_in_a_paragraph_without_figures():
    doc = doc_of("2023年度三公经费支出2.79万元。", "本单位说明如下。", "与上年持平。")
    (change,) = claims(doc).changes
    assert change.direction == 0 and change.word == "与上年持平"


def test_bare_magnitudes_in_a_money_context_are_read_as_money():
    tokens = claims(doc_of("项目资金5.23亿，人员经费1760.86万，服务对象1.2万人次，其中1万为新增。")).tokens
    assert [(t.figure.text, t.unit) for t in tokens] == [("5.23亿", "亿元"), ("1760.86万", "万元"),
                                                         ("1.2万人次", "万人次")]
