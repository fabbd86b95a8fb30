"""The 忻州 2022 sample: every statement recognised and typed, no table errors, full coverage."""

from decimal import Decimal

import pytest

from auditor.bench.mutations_statements import coverage
from auditor.engine import audit_document
from auditor.extract import read_document
from auditor.registry import select_checks
from auditor.statements import book
from auditor.statements.schema import frame, problems, schema

SAMPLE = "samples/002_eabaa33cc3394ff7.docx"


@pytest.fixture(scope="module")
def doc():
    return read_document(SAMPLE)


@pytest.fixture(scope="module")
def result(doc):
    return audit_document(doc, select_checks(["STM", "SCH"]))


def test_every_standard_table_is_recognised_once(doc):
    kinds = [s.kind.key for s in book(doc).statements]
    assert kinds == ["summary", "income", "expense", "fiscal_summary", "general_expense", "basic_detail",
                     "three_public", "gov_fund", "state_capital", "related_info"]
    assert book(doc).gaps == []


def test_statements_are_typed_frames_that_pass_their_schema(doc):
    income = book(doc).first("income")
    data = frame(income)
    assert list(data.columns[:6]) == ["table", "row", "side", "code", "name", "level"]
    row = data[data.code == "2080105"].iloc[0]
    assert (row["level"], row["本年收入合计"], row["其他收入"]) == ("项", Decimal("102530.01"), Decimal("2560.21"))
    for statement in book(doc).statements:
        schema(statement).validate(frame(statement), lazy=True)
        assert problems(statement) == []


def test_basic_detail_reads_four_blocks_and_the_split_total_row(doc):
    detail = book(doc).first("basic_detail")
    assert len(detail.sides) == 4
    assert detail.by_code()["31022"].amounts["金额"].text == "2356040.00"
    totals = [l for l in detail.lines if l.name == "公用经费合计" and not l.is_empty()]
    assert [f.text for f in totals[0].figures()] == ["22973034.73", "3913354.97"]


def test_no_table_errors_and_only_the_real_name_differences(result):
    assert [f for f in result.findings if f.severity.label == "error"] == []
    warnings = [(f.check, f.where.row + 1) for f in result.findings if f.severity.label == "warning"]
    # 收入决算表 prints 20801/2080199 as "…社会管理事务" and 21305/2130599 as "巩固脱贫攻坚…",
    # the other tables "…社会保障管理事务" / "巩固脱贫…": real inconsistencies, verified by hand.
    assert warnings == [("STM010", 10), ("STM010", 16), ("STM010", 30), ("STM010", 31)]


def test_the_one_unchecked_amount_is_reported_as_a_coverage_gap(result):
    gaps = [f for f in result.findings if f.check == "STM090"]
    assert len(gaps) == 1 and "78" in gaps[0].message


def test_coverage_of_statement_amounts(doc):
    total, covered = coverage(doc)
    assert total > 350 and covered / total >= 0.95
