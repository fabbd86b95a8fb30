"""Funds blocks (预算执行情况): rate, balance, score, total of the 其中 rows."""

from decimal import Decimal

from auditor.model import Severity
from auditor.scores.forms import score_forms

from score_helpers import audit, text_doc

FUNDS = """
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t资金结余\t分值\t执行率\t得分
\t年度资金总额\t142.4\t142.4\t100\t42.4\t10\t70.22%\t7
\t其中：当年财政拨款\t142.4\t142.4\t100\t42.4\t10\t70.22%\t7
\t上年结转资金\t\t\t\t\t\t\t
一级指标\t二级指标\t三级指标\t分值\t得分
产出指标（90分）\t数量指标\t制卡数\t90\t90
总分\t100\t97
"""


def test_a_consistent_funds_block_is_read_and_verified():
    doc = text_doc(FUNDS)
    (form,) = score_forms(doc)
    head = form.funds.rows[0]
    assert {role: [f.text for f in figs] for role, figs in head.figures.items()} == {
        "initial": ["142.4"], "budget": ["142.4"], "executed": ["100"], "balance": ["42.4"],
        "weight": ["10"], "rate": ["70.22%"], "score": ["7"]}
    assert audit(doc).findings == []


def test_rate_that_is_not_executed_over_budget():
    doc = text_doc(FUNDS.replace("70.22%\t7\n\t其中", "70.32%\t7\n\t其中"))
    (finding,) = audit(doc, "PRF010").findings
    assert (finding.check, finding.stated, finding.expected) == ("PRF010", Decimal("70.32"), Decimal("70.22"))


def test_balance_that_is_not_budget_minus_execution():
    doc = text_doc(FUNDS.replace("100\t42.4\t10\t70.22%\t7\n\t其中", "100\t24.4\t10\t70.22%\t7\n\t其中"))
    (finding,) = audit(doc, "PRF011").findings
    assert (finding.stated, finding.expected) == (Decimal("24.4"), Decimal("42.4"))


def test_score_is_weight_times_rate_rounded_to_the_printed_decimals():
    doc = text_doc(FUNDS.replace("70.22%\t7\n\t其中", "70.22%\t8\n\t其中"))
    (finding,) = audit(doc, "PRF012").findings
    assert (finding.severity, finding.stated, finding.expected) == (Severity.ERROR, Decimal(8), Decimal(7))


def test_overspending_is_scored_at_most_the_weight_and_flagged_as_a_warning():
    doc = text_doc("""
\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t1594.95\t1594.95\t2276.26\t10\t142.72%\t0
""")
    (finding,) = audit(doc, "PRF012").findings
    assert (finding.severity, finding.expected) == (Severity.WARNING, Decimal(10))


def test_weight_from_the_header_formula_and_from_the_row_label():
    doc = text_doc("""
预算执行情况 (万元)\t\t预算数(A)\t\t执行数(B)\t执行率 (B/A)\t得分(20分*执行率)
(20分)\t\t部门整体支出 总额\t12174.8\t12174.8\t100.00\t20
""")
    result = audit(doc)
    assert result.findings == []
    assert result.checked >= 4
    wrong = text_doc("""
预算执行情况 (万元)\t\t预算数(A)\t\t执行数(B)\t执行率 (B/A)\t得分(20分*执行率)
(20分)\t\t部门整体支出 总额\t12174.8\t11000\t90.35\t20
""")
    found = audit(wrong, "PRF012").findings  # each printed weight is checked: "(20分)" and "20分*执行率"
    assert [(f.stated, f.expected) for f in found] == [(Decimal(20), Decimal(18))] * 2
    assert {f.figures[1].location.col for f in found} == {0, 6}


def test_total_row_that_is_not_the_sum_of_its_sources():
    doc = text_doc(FUNDS.replace("\t其中：当年财政拨款\t142.4\t142.4", "\t其中：当年财政拨款\t140.4\t142.4"))
    (finding,) = audit(doc, "PRF013").findings
    assert (finding.stated, finding.expected) == (Decimal("142.4"), Decimal("140.4"))
