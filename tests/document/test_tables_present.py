"""DOC001 required tables and DOC002 empty-table statements, on the complete 002
sample and on copies of it with one table removed or filled in."""

import docx

from auditor.engine import audit_document
from auditor.extract import read_document
from auditor.model import Severity
from auditor.registry import select_checks
from builders import build_docx
from corpus import sample

FULL = sample("002")


def audit(path, codes):
    return audit_document(read_document(path), select_checks(codes)).findings


def table_titled(document, words):
    """The python-docx table whose caption paragraph (just above it) contains ``words``."""
    body = document.element.body
    for table in document.tables:
        previous = table._tbl.getprevious()
        for _ in range(6):
            if previous is None:
                break
            if previous.tag.endswith("}p") and words in "".join(previous.itertext()):
                return table
            previous = previous.getprevious()
    raise AssertionError(f"no table titled {words} in {body}")


def test_the_complete_disclosure_has_every_table():
    assert audit(FULL, ["DOC001", "DOC002"]) == []


def test_a_table_missing_from_the_body_is_an_error_pointing_at_its_toc_line(tmp_path):
    document = docx.Document(FULL)
    table = table_titled(document, "三公")
    table._tbl.getparent().remove(table._tbl)
    path = tmp_path / "missing.docx"
    document.save(path)
    (finding,) = audit(path, ["DOC001"])
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("缺少财政拨款“三公”经费支出决算表（目录中列有此表：表1 第")
    toc = read_document(path).tables[0]  # this sample's 目录 is a two-column table
    assert "三公" in toc.text_at(finding.where.row, 0)


def test_a_missing_table_the_text_explains_is_not_reported(tmp_path):
    document = docx.Document(FULL)
    table = table_titled(document, "国有资本经营预算财政拨款支出决算表")
    table._tbl.getparent().remove(table._tbl)
    document.add_paragraph("本部门2022年度没有国有资本经营预算财政拨款支出。")
    path = tmp_path / "explained.docx"
    document.save(path)
    assert audit(path, ["DOC001"]) == []


def test_a_disclosure_without_any_standard_table_gets_one_warning(tmp_path):
    path = build_docx(tmp_path / "none.docx", "2022年度部门决算公开", "第一部分 概况")
    (finding,) = audit(path, ["DOC001"])
    assert finding.severity is Severity.WARNING and "未找到任何标准公开表" in finding.message


def test_performance_reports_need_no_statement_tables(tmp_path):
    path = build_docx(tmp_path / "perf.docx", "2021年度部门整体支出绩效自评报告")
    assert audit(path, ["DOC001"]) == []


def test_no_data_note_over_a_table_with_amounts_is_an_error(tmp_path):
    document = docx.Document(FULL)
    table = table_titled(document, "政府性基金预算财政拨款收入支出决算表")
    total_row = next(r for r in table.rows if r.cells[0].text.strip() == "合计")
    total_row.cells[4].text = "10000.00"
    path = tmp_path / "filled.docx"
    document.save(path)
    findings = [f for f in audit(path, ["DOC002"])]
    assert len(findings) == 1
    assert findings[0].severity is Severity.ERROR
    assert "“本表无数据”，但表中有 1 个非零金额" in findings[0].message
    assert [f.text for f in findings[0].figures] == ["10000.00"]
