"""The PDF reader on small PDFs built in code: what a published PDF does to text and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from auditor.engine import audit_document  # noqa: E402
from auditor.extract import ReadError, read_document  # noqa: E402
from auditor.registry import select_checks  # noqa: E402
from pdfbuild import Page, write_pdf  # noqa: E402

FULL = "lorem ipsum dolor " * 5  # every full line has the same width: it reaches the right margin


def texts(table) -> list[list[str]]:
    return [[table.text_at(r, c) for c in range(table.n_cols)] for r in range(table.n_rows)]


def ruled_table(page: Page, top: float, rows: list[tuple[str, ...]], xs=(50, 200, 300, 400)) -> Page:
    ys = [top + 20 * i for i in range(len(rows) + 1)]
    page.grid(list(xs), ys)
    for i, row in enumerate(rows):
        for x, text in zip(xs, row):
            page.text(x + 5, ys[i] + 4, text)
    return page


def test_soft_line_breaks_merge_and_running_headers_are_dropped(tmp_path: Path) -> None:
    pages = []
    for n in (1, 2, 3):
        page = Page().text(50, 30, "Annual report 2022").text(280, 800, f"- {n} -")
        page.line(50, 45, 545, 45).line(50, 795, 545, 795)  # rules under the header, over the footer
        pages.append(page)
    pages[0].text(50, 100, FULL).text(50, 114, FULL).text(50, 128, "ends here.")
    pages[0].text(50, 160, "Short heading")
    pages[0].text(50, 736, FULL).text(50, 750, FULL)  # runs to the page foot ...
    pages[1].text(50, 60, "and goes on over the page.")  # ... and continues on page 2
    pages[2].text(50, 60, "Last page 3")
    doc = read_document(write_pdf(tmp_path / "prose.pdf", pages))
    assert [p.text for p in doc.paragraphs] == [
        (FULL.strip() + " ") * 2 + "ends here.",
        "Short heading",
        (FULL.strip() + " ") * 2 + "and goes on over the page.",
        "Last page 3",
    ]
    assert [p.page for p in doc.paragraphs] == [1, 1, 1, 3]
    assert doc.paragraphs[2].location.describe() == "第1页 第3段"
    assert doc.tables == []


def test_fake_bold_is_deduplicated(tmp_path: Path) -> None:
    page = Page().text(50, 100, "TOTAL 1,200.00").text(50.4, 100, "TOTAL 1,200.00")
    doc = read_document(write_pdf(tmp_path / "bold.pdf", [page]))
    assert [p.text for p in doc.paragraphs] == ["TOTAL 1,200.00"]


def test_ruled_table_with_a_merged_header(tmp_path: Path) -> None:
    page = Page()
    for y in (150, 170, 190, 210):
        page.line(50, y, 400, y)
    for x in (50, 200, 400):
        page.line(x, 150, x, 210)
    page.line(300, 170, 300, 210)  # no rule between the two amount columns in the header row
    for x, top, text in ((55, 154, "Item"), (205, 154, "Amount"), (55, 174, "A"), (205, 174, "30"),
                         (305, 174, "10"), (55, 194, "B"), (205, 194, "5"), (305, 194, "5")):
        page.text(x, top, text)
    doc = read_document(write_pdf(tmp_path / "merged.pdf", [page]))
    table = doc.tables[0]
    assert texts(table) == [["Item", "Amount", "Amount"], ["A", "30", "10"], ["B", "5", "5"]]
    assert table.cell_at(0, 1).col_span == 2
    assert table.location(2, 1).page == 1


def test_three_line_table_is_read_from_text_alignment(tmp_path: Path) -> None:
    page = Page().grid([50, 400], [150, 172, 240], vertical=False)
    rows = [("Item", "Total", "Basic"), ("Staff", "120.00", "100.00"), ("Office", "30.50", "20.50"),
            ("Cars", "8.00", "8.00")]
    for i, row in enumerate(rows):
        top = 155 if i == 0 else 178 + 20 * (i - 1)
        for x, text in zip((55, 205, 305), row):
            page.text(x, top, text)
    doc = read_document(write_pdf(tmp_path / "booktabs.pdf", [page]))
    assert len(doc.tables) == 1
    assert texts(doc.tables[0]) == [list(r) for r in rows]
    assert doc.paragraphs == []


def test_table_continued_on_next_page_with_repeated_header(tmp_path: Path) -> None:
    header = ("Item", "Total", "Basic")
    first = ruled_table(Page(), 700, [header, ("A", "3", "1"), ("B", "4", "2")])
    second = ruled_table(Page(), 50, [header, ("C", "5", "3"), ("D", "6", "4")])
    doc = read_document(write_pdf(tmp_path / "continued.pdf", [first, second]))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [table.text_at(r, 0) for r in range(table.n_rows)] == ["Item", "A", "B", "C", "D"]
    assert table.row_pages == [1, 1, 1, 2, 2]
    assert table.location(4, 2).describe() == "第2页 表1 第5行 第3列"


def test_title_printed_again_above_the_continuation_is_dropped(tmp_path: Path) -> None:
    header = ("Item", "Total", "Basic")
    first = ruled_table(Page().text(50, 660, "Table 5 Spending").text(50, 680, "Unit: yuan"), 700,
                        [header, ("A", "3", "1"), ("B", "4", "2")])
    second = ruled_table(Page().text(50, 30, "Unit: yuan"), 50, [("C", "5", "3"), ("D", "6", "4")])
    rest = [Page().text(50, 60, f"Remark {chr(65 + n)}") for n in range(7)]  # 9 pages: two alike are no running header
    doc = read_document(write_pdf(tmp_path / "again.pdf", [first, second, *rest]))
    assert [t.n_rows for t in doc.tables] == [5]
    assert [p.text for p in doc.paragraphs][:3] == ["Table 5 Spending", "Unit: yuan", "Remark A"]


def test_a_held_title_line_is_kept_when_the_next_table_is_another(tmp_path: Path) -> None:
    first = ruled_table(Page().text(50, 680, "Unit: yuan"), 700, [("Item", "Total", "Basic"), ("A", "3", "1")])
    second = ruled_table(Page().text(50, 30, "Unit: yuan"), 50, [("X", "1", "1")], xs=(50, 150, 250, 400))
    rest = [Page().text(50, 60, f"Remark {chr(65 + n)}") for n in range(7)]
    doc = read_document(write_pdf(tmp_path / "another.pdf", [first, second, *rest]))
    assert [t.n_rows for t in doc.tables] == [2, 1]
    assert [(p.page, p.text) for p in doc.paragraphs][:2] == [(1, "Unit: yuan"), (2, "Unit: yuan")]


def test_continuation_without_header_joins_only_when_columns_line_up(tmp_path: Path) -> None:
    first = ruled_table(Page(), 700, [("Item", "Total", "Basic"), ("A", "3", "1")])
    aligned = ruled_table(Page(), 50, [("B", "4", "2")])
    other = ruled_table(Page(), 50, [("X", "1", "1")], xs=(50, 150, 250, 400))
    joined = read_document(write_pdf(tmp_path / "aligned.pdf", [first, aligned]))
    separate = read_document(write_pdf(tmp_path / "other.pdf", [first, other]))
    assert [t.n_rows for t in joined.tables] == [3]
    assert [t.n_rows for t in separate.tables] == [2, 1]


def test_row_broken_by_the_page_is_glued_back(tmp_path: Path) -> None:
    """A label filling its cell on page 1 runs on: its tail on page 2 joins it."""
    columns = (50, 100, 280, 350)
    first = ruled_table(Page(), 700, [("Code", "Item", "Total"), ("201", "General public services expenditure",
                                                                  "30")], xs=columns)
    second = ruled_table(Page(), 50, [("", "and more", ""), ("202", "Defence", "5")], xs=columns)
    doc = read_document(write_pdf(tmp_path / "broken.pdf", [first, second]))
    assert texts(doc.tables[0]) == [["Code", "Item", "Total"],
                                    ["201", "General public services expenditure and more", "30"],
                                    ["202", "Defence", "5"]]


def test_a_label_row_after_a_short_label_is_not_glued(tmp_path: Path) -> None:
    columns = (50, 100, 280, 350)
    first = ruled_table(Page(), 700, [("Code", "Item", "Total"), ("201", "Defence", "30")], xs=columns)
    second = ruled_table(Page(), 50, [("", "of which", ""), ("202", "Police", "5")], xs=columns)
    doc = read_document(write_pdf(tmp_path / "label.pdf", [first, second]))
    assert [doc.tables[0].text_at(r, 1) for r in range(4)] == ["Item", "Defence", "of which", "Police"]


def test_undecoded_glyphs_are_a_finding(tmp_path: Path) -> None:
    page = Page().text(50, 100, "AB", cid=True)
    doc = read_document(write_pdf(tmp_path / "cid.pdf", [page]))
    findings = audit_document(doc, select_checks(["EXT"])).findings
    assert [(f.check, f.where.describe()) for f in findings] == [("EXT001", "第1页 第1段")]
    assert "(cid:65)(cid:66)" in findings[0].message


def test_scanned_page_is_a_finding(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path)
    doc = read_document(path)
    findings = audit_document(doc, select_checks(["EXT"])).findings
    assert [(f.check, f.where.describe()) for f in findings] == [("EXT002", "第1页")]


def test_scanned_pdf_is_reported_by_the_cli_with_its_page(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from PIL import Image

    from auditor.cli import main

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path)
    result = CliRunner().invoke(main, [str(path), "--format", "json,html", "--output-dir", str(tmp_path / "out")])
    assert '"check": "EXT002"' in result.output and '"page": 1' in result.output
    assert "第1页" in (tmp_path / "out" / "scan.html").read_text(encoding="utf-8")


def test_password_protected_pdf_is_refused_with_its_reason() -> None:
    with pytest.raises(ReadError, match="password-protected PDF"):
        read_document(Path(__file__).parent / "fixtures" / "encrypted.pdf")


@pytest.mark.parametrize("content, reason", [(b"", "empty file"), (b"PK\x03\x04 not a pdf", "not a PDF"),
                                             (b"%PDF-1.4\n garbage", "not a readable PDF")])
def test_unreadable_files_raise_read_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_document(path)


def test_table_grid_with_unruled_holes_is_a_finding(tmp_path: Path) -> None:
    page = Page().line(50, 100, 450, 100).line(50, 120, 450, 120).line(50, 140, 150, 140)
    for x in (50, 150, 250, 350, 450):
        page.line(x, 100, x, 120)
    page.line(50, 120, 50, 140).line(150, 120, 150, 140)  # the second row rules only its first cell
    for x, text in zip((55, 155, 255, 355), ("Item", "A", "B", "C")):
        page.text(x, 104, text)
    page.text(55, 124, "Note")
    doc = read_document(write_pdf(tmp_path / "holes.pdf", [page]))
    assert doc.tables[0].text_at(1, 0) == "Note"
    findings = audit_document(doc, select_checks(["EXT"])).findings
    assert [(f.check, f.where.describe()) for f in findings] == [("EXT003", "第1页 表1")]
    assert "3 个网格位置不属于任何单元格" in findings[0].message


def test_large_image_on_a_text_page_is_a_finding_but_a_seal_is_not(tmp_path: Path) -> None:
    page = Page().text(50, 60, "Table 3 is attached as a scan:").image(50, 100, 545, 500)
    page.image(400, 700, 480, 780)  # a seal-sized image
    doc = read_document(write_pdf(tmp_path / "pasted.pdf", [page]))
    findings = audit_document(doc, select_checks(["EXT"])).findings
    assert [(f.check, f.where.page) for f in findings] == [("EXT002", 1)]
    assert "约占页面 40%" in findings[0].message
    cover = Page().image(0, 0, 595, 842).text(100, 300, "Final accounts 2022").text(100, 330, "Bureau of X")
    assert read_document(write_pdf(tmp_path / "cover.pdf", [cover])).problems == []  # a background image


def test_columns_of_amounts_without_rules_are_a_finding(tmp_path: Path) -> None:
    page = Page().text(50, 60, "Spending by item")
    for i, (label, a, b) in enumerate((("Staff", "1,200.00", "1,100.00"), ("Office", "300.50", "280.00"),
                                       ("Cars", "80.00", "75.25"), ("Total", "1,580.50", "1,455.25"))):
        page.text(50, 90 + 16 * i, label).text(250, 90 + 16 * i, a).text(400, 90 + 16 * i, b)
    doc = read_document(write_pdf(tmp_path / "unruled.pdf", [page]))
    findings = audit_document(doc, select_checks(["EXT"])).findings
    assert [(f.check, f.where.page) for f in findings] == [("EXT003", 1)]
    assert "4 行按列排列的金额" in findings[0].message


def test_running_headers_go_but_a_unit_line_on_every_page_stays() -> None:
    from auditor.extract.pdf import _Line, _running_lines

    def line(page: int, top: float, text: str) -> _Line:
        return _Line(page, 595, 50, 300, top, top + 10, text)

    header = [[line(n, 30, "某局2022年度部门决算公开"), line(n, 90, f"第{n}项支出"), line(n, 800, f"第 {n} 页")]
              for n in (1, 2, 3)]
    unit = [[line(n, 30, "金额单位：元"), line(n, 90, f"第{n}项支出"), line(n, 800, f"- {n} -")] for n in (4, 5, 6)]
    running = _running_lines(header + unit)
    kept = [ln.text for page in header + unit for ln in page if id(ln) not in running]
    assert kept == ["第1项支出", "第2项支出", "第3项支出", "金额单位：元", "第4项支出", "金额单位：元", "第5项支出",
                    "金额单位：元", "第6项支出"]
