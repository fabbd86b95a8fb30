"""The Excel reader: each sheet a table; merged ranges, number formats, formula caches."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from auditor.engine import audit_document  # noqa: E402
from auditor.extract import ReadError, read_document  # noqa: E402
from auditor.extract.xlsx import render  # noqa: E402
from auditor.registry import select_checks  # noqa: E402


def income_sheet(path: Path, total="=SUM(B5:B6)") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "收入决算表"
    ws.merge_cells("A1:C1")
    ws["A2"] = "公开02表"
    ws["A3"] = "金额单位：元"
    ws.append(["项目", "金额", None])
    ws.merge_cells("B4:C4")
    for label, amount, other in (("财政拨款收入", 1200.5, 1), ("其他收入", 99.5, 2)):
        ws.append([label, amount, other])
        ws.cell(ws.max_row, 2).number_format = "#,##0.00"
    ws.append(["合计", total, 3])
    ws["B7"].number_format = "#,##0.00"
    ws.append(["注：本表反映部门本年度取得的各项收入情况。"])
    wb.save(path)
    return path


def with_cached_value(path: Path, cell: str, value: str) -> Path:
    """Write a cached value next to a formula, as Excel does on save (openpyxl never does)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/?>(?:</v>)?', rf"\1<f>\2</f><v>{value}</v>", sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_sheet_becomes_a_table_with_its_title_lines_and_merges(tmp_path: Path) -> None:
    doc = read_document(with_cached_value(income_sheet(tmp_path / "t.xlsx"), "B7", "1300"))
    assert [p.text for p in doc.paragraphs] == ["收入决算表", "公开02表", "金额单位：元",
                                                "注：本表反映部门本年度取得的各项收入情况。"]
    table = doc.tables[0]
    assert table.title == "收入决算表"
    assert table.caption[0] == "Sheet1"
    assert [[table.text_at(r, c) for c in range(3)] for r in range(table.n_rows)] == [
        ["项目", "金额", "金额"], ["财政拨款收入", "1,200.50", "1"], ["其他收入", "99.50", "2"],
        ["合计", "1,300.00", "3"]]
    assert table.cell_at(0, 2).col_span == 2
    assert doc.problems == []


def test_sheet_name_is_the_title_when_nothing_is_printed_above(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "三公经费支出决算表"
    wb.active.append(["项目", "金额"])
    wb.active.append(["合计", 5])
    wb.save(tmp_path / "plain.xlsx")
    assert read_document(tmp_path / "plain.xlsx").tables[0].title == "三公经费支出决算表"


def test_formula_without_cached_value_is_a_finding(tmp_path: Path) -> None:
    doc = read_document(income_sheet(tmp_path / "nocache.xlsx"))
    findings = audit_document(doc, select_checks(["EXT"])).findings
    assert [(f.check, f.where.table, f.where.row, f.where.col) for f in findings] == [("EXT004", 0, 3, 1)]
    assert "B7 =SUM(B5:B6)" in findings[0].message and "没有缓存值" in findings[0].message


def test_stale_cached_value_is_a_finding(tmp_path: Path) -> None:
    doc = read_document(with_cached_value(income_sheet(tmp_path / "stale.xlsx"), "B7", "1250"))
    findings = audit_document(doc, select_checks(["EXT"])).findings
    assert [(f.check, f.where.row, f.where.col) for f in findings] == [("EXT004", 3, 1)]
    assert "缓存值 1250 与按公式重算的 1300 不符" in findings[0].message


def test_cached_value_of_a_formula_with_minus_terms_is_checked(tmp_path: Path) -> None:
    path = with_cached_value(income_sheet(tmp_path / "minus.xlsx", total="=B5+B6-C5"), "B7", "1299")
    assert read_document(path).problems == []


@pytest.mark.parametrize("value, fmt, text", [
    (1234.5, "#,##0.00", "1,234.50"), (1234.5, "0.00", "1234.50"), (0.1234, "0.00%", "12.34%"),
    (46, "General", "46"), (3.1, "General", "3.1"), (0.1 + 0.2, "General", "0.3"), (1e6, "#,##0", "1,000,000"),
    ("—", "General", "—"),
])
def test_numbers_render_as_printed(value, fmt: str, text: str) -> None:
    assert render(value, fmt) == text


def test_rendered_decimals_carry_into_figures(tmp_path: Path) -> None:
    doc = read_document(with_cached_value(income_sheet(tmp_path / "fig.xlsx"), "B7", "1300"))
    total = next(f for f in doc.figures if f.location.row == 3 and f.location.col == 1)
    assert (total.value, total.decimals, total.unit) == (Decimal("1300.00"), 2, "元")


def test_not_a_workbook_raises_read_error(tmp_path: Path) -> None:
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ReadError, match="not a readable .xlsx"):
        read_document(tmp_path / "bad.xlsx")
