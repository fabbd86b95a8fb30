"""Done-when of issue 7: the same document as PDF or Excel gives the same findings
(check, stated, expected) as its .docx, whatever checks are registered; only the
locations differ (they gain a page)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("openpyxl")
pytest.importorskip("xlrd")

from auditor.engine import audit_document  # noqa: E402
from auditor.extract import assemble, read_document  # noqa: E402
from auditor.model import Document, Location, Paragraph, Table  # noqa: E402
from auditor.registry import select_checks  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = sorted((ROOT / "samples").glob("*.docx"))
STATEMENT = re.compile(r"公开\d+表")


@pytest.fixture(scope="module")
def checks():
    return select_checks()


def finding_keys(doc: Document, checks) -> Counter:
    return Counter((f.check, f.stated, f.expected) for f in audit_document(doc, checks).findings)


@pytest.mark.parametrize("docx", SAMPLES, ids=lambda p: p.stem[:3])
def test_pdf_export_gives_the_docx_findings(docx: Path, checks) -> None:
    pdf = read_document(FIXTURES / f"{docx.stem}.pdf")
    assert finding_keys(pdf, checks) == finding_keys(read_document(docx), checks)
    assert pdf.problems == []


def statement_tables_of(docx: Document) -> Document:
    """The .docx cut down to what the workbook holds: each 公开NN表 with its title lines and 注."""
    blocks: list = []
    for i, block in enumerate(docx.blocks):
        if isinstance(block, Table) and any(STATEMENT.search(line) for line in block.caption):
            blocks += [Paragraph(None, line) for line in block.caption] + [block]
            after = docx.blocks[i + 1] if i + 1 < len(docx.blocks) else None
            if isinstance(after, Paragraph) and after.text.startswith("注"):
                blocks.append(Paragraph(None, after.text))
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    for n, paragraph in enumerate(paragraphs):
        paragraph.index = n
    for n, table in enumerate(b for b in blocks if isinstance(b, Table)):
        table.index = n
    return assemble(Path("statements.docx"), blocks)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_workbook_of_the_statement_tables_gives_the_docx_findings(suffix: str, checks) -> None:
    workbook = read_document(FIXTURES / f"002_statements{suffix}")
    reference = statement_tables_of(read_document(ROOT / "samples" / "002_eabaa33cc3394ff7.docx"))
    assert [t.title for t in workbook.tables] == [t.title for t in reference.tables]
    assert len(workbook.tables) == 10
    assert finding_keys(workbook, checks) == finding_keys(reference, checks)
    assert workbook.problems == []


def placed_findings(doc: Document, checks) -> list[tuple]:
    """Findings with their place, the page left out, and their fingerprint (so a baseline
    made on the .docx also suppresses them in the PDF)."""
    out = []
    for f in audit_document(doc, checks).findings:
        where = f.where or Location()
        out.append((f.check, f.stated, f.expected, where.table, where.row, where.col, where.paragraph,
                    f.fingerprint))
    return out


@pytest.mark.parametrize("name", ["published", "booktabs"])
def test_generated_pdf_gives_the_docx_findings_at_the_same_cells(name: str, checks) -> None:
    pdf = read_document(FIXTURES / f"{name}.pdf")
    docx = read_document(FIXTURES / f"{name}.docx")
    expected = placed_findings(docx, checks)
    assert any(f[0] != "AUD900" for f in expected)  # the fixture holds an error
    assert placed_findings(pdf, checks) == expected
    assert [p.text for p in pdf.paragraphs] == [p.text for p in docx.paragraphs]


def test_published_pdf_findings_point_at_the_printed_page_and_row(checks) -> None:
    """Header, footer and page numbers dropped, the table joined over three pages:
    the wrong row total (row 40 of the data, printed on page 3) is found where it is."""
    from auditor.report.html import render

    pdf = audit_document(read_document(FIXTURES / "published.pdf"), checks)
    # the fixture is one table under a 决算 cover: DOC001 rightly notes the other tables are missing
    wrong = [f for f in pdf.findings if f.severity.label == "error" and f.check != "DOC001"]
    assert wrong and {(f.where.table, f.where.row, f.where.page) for f in wrong} == {(0, 40, 3)}
    assert "第3页 表1 第41行" in render(pdf)
    assert wrong[0].to_record()["location"]["page"] == 3
    assert sorted(set(pdf.document.tables[0].row_pages)) == [2, 3, 4]
