"""The narrative checks on the five real samples: the hand-verified discrepancies are
found, and every error raised is one of them (no false alarms)."""

import time
from decimal import Decimal

import pytest

from auditor.claims import coverage
from auditor.engine import audit_document, audit_file
from auditor.extract import read_document
from auditor.findings import Checked
from auditor.model import Severity
from auditor.registry import select_checks
from corpus import sample


@pytest.fixture(scope="module")
def results():
    checks = select_checks(["NAR"])
    return {prefix: audit_file(sample(prefix), checks) for prefix in ("000", "001", "002", "003", "004")}


def errors(result):
    return [(f.check, f.where.describe(), f.stated, f.expected) for f in result.findings if f.severity is Severity.ERROR]


def test_002_housing_growth_rate_is_recomputed_from_the_prior_year(results):
    (finding,) = [f for f in results["002"].findings if f.check == "NAR004" and f.severity is Severity.ERROR]
    assert (finding.stated, finding.expected) == (Decimal("31.25"), Decimal("20.36"))
    assert [f.text for f in finding.figures] == ["31.25%", "368789.9元", "2179836.72元"]
    assert "1,811,046.82" in finding.message


def test_002_amount_in_yuan_labelled_wan_yuan(results):
    (finding,) = [f for f in results["002"].findings if f.check == "NAR006"]
    assert finding.severity is Severity.ERROR and finding.figures[0].text == "25552618.58万元"
    assert finding.figures[1].location.is_cell and finding.figures[1].value == Decimal("25552618.58")


def test_001_basic_expenditure_differs_between_final_accounts_and_performance_report(results):
    found = {f.figures[0].text: f for f in results["001"].findings if f.check == "NAR007"}
    basic = found["2144.35万元"]
    assert basic.severity is Severity.ERROR
    assert {f.text for f in basic.figures[1:]} == {"2160.26万元", "2160.26"}
    assert any(f.location.is_cell for f in basic.figures)  # the 基础数据表 row
    assert {f.text for f in found["131.91万元"].figures[1:]} == {"116万元", "116"}


def test_every_error_on_the_samples_is_a_verified_discrepancy(results):
    assert errors(results["000"]) == errors(results["003"]) == errors(results["004"]) == []
    assert sorted(errors(results["001"])) == [
        ("NAR007", "第34段", Decimal("131.91"), None),  # 项目支出 131.91 (决算) vs 116 (绩效报告, 基础数据表)
        ("NAR007", "第34段", Decimal("2144.35"), None),  # 基本支出 2144.35 (决算) vs 2160.26
    ]
    assert sorted(errors(results["002"])) == [
        ("NAR001", "第111段", Decimal("100.00"), Decimal("99.31")),  # 84,386,179.09 ÷ 84,968,418.97
        ("NAR004", "第128段", Decimal("31.25"), Decimal("20.36")),  # 368,789.90 ÷ 1,811,046.82
        ("NAR006", "第123段", Decimal("25552618.58"), None),  # 元 printed as 万元
    ]


def test_coverage_is_reported_per_document():
    found, resolved = coverage(read_document(sample("002")))
    assert found >= 70 and resolved >= found * 0.8  # 76 and 66 measured
    found, resolved = coverage(read_document(sample("003")))
    assert found > 50 and resolved >= found * 0.6  # 82 and 61: targets stated without their figure


def test_the_narrative_checks_take_a_fraction_of_a_second_per_sample():
    checks = select_checks(["NAR"])
    for prefix in ("001", "002", "003"):
        doc = read_document(sample(prefix))
        doc.figures  # read by the engine for every check family
        start = time.perf_counter()
        audit_document(doc, checks)
        assert time.perf_counter() - start < 0.5, prefix  # about 0.1 s measured


def test_001_an_item_filed_under_another_class_is_reported(results):
    # 第47段 heads 科学技术支出 (78万元) "一般公共服务支出（类）科学技术支出（款）…", while the structure
    # lists 一般公共服务支出 28.02万元 and 科学技术支出 78万元 as two classes
    (finding,) = [f for f in results["001"].findings if f.check == "NAR012" and f.severity is Severity.WARNING]
    assert (finding.where.describe(), finding.stated, finding.expected) == ("第42段", Decimal("28.02"), Decimal("106.02"))


def test_002_relations_across_sections_and_tables_hold():
    doc = read_document(sample("002"))
    items = [item for check in select_checks(["NAR007", "NAR009", "NAR011"]) for item in check().run(doc)]
    assert all(isinstance(item, Checked) for item in items)
    checked = {fig.text for item in items for fig in item.figures}
    # the changes of the 财政拨款支出 items add up to the total's (第111段), the 机关运行经费 is the
    # sum of the 公开10表 rows, the project summaries state their forms' amounts
    assert {"206,631,899.10元", "5108595.51元", "1183793.33", "1409396.18", "2980000元", "298"} <= checked
