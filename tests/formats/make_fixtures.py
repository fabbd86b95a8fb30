"""Regenerate the committed PDF/Excel fixtures of tests/formats/ (CI never runs this).

Needs LibreOffice and CJK fonts (Debian: ``apt-get install libreoffice-writer
libreoffice-calc fonts-noto-cjk``) plus python-docx and openpyxl. Run from the
repository root: ``python tests/formats/make_fixtures.py``. It writes:
- fixtures/<sample>.pdf: each samples/*.docx exported to PDF by LibreOffice;
- fixtures/002_statements.xlsx: the 002 sample's statement tables (公开NN表), one
  sheet each: title lines as merged rows, the grid with its merged cells,
  numbers as numbers with the number format that prints them as in the .docx,
  the 注 line below; fixtures/002_statements.xls: the same saved by LibreOffice;
- fixtures/published.docx/.pdf: a published-looking disclosure: running header,
  page-number footer "- N -", a paragraph broken across a page, and a ruled
  table with a repeated header row running over three pages, one row total of
  which is wrong (row 40, printed on page 3);
- fixtures/booktabs.docx/.pdf: a 三线表 (rules above, under the header and below;
  no vertical rules) whose 合计 row is wrong, with its title, unit and 注 lines;
- fixtures/encrypted.pdf: the same, exported with an open password.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))

from auditor.extract import read_document  # noqa: E402

PLAIN_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
ENCRYPTED = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
             '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
WRONG_ROW = 40  # the published table's row whose 合计 is off by 100.00


def soffice(target: str, sources: list[Path], outdir: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", str(outdir), *map(str, sources)],
                   check=True, capture_output=True)


def sample_pdfs() -> None:
    soffice("pdf", sorted((ROOT / "samples").glob("*.docx")), FIXTURES)


def _number_format(text: str) -> tuple[Decimal, str] | None:
    match = PLAIN_NUMBER.match(text.strip())
    if not match:
        return None
    decimals = len(match.group(1) or "")
    pattern = ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")
    return Decimal(text.replace(",", "")), pattern


def statements_workbook() -> Path:
    import openpyxl
    from openpyxl.styles import Alignment

    doc = read_document(ROOT / "samples" / "002_eabaa33cc3394ff7.docx")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    blocks = doc.blocks
    for i, table in enumerate(blocks):
        if not hasattr(table, "grid") or not any(re.search(r"公开\d+表", c) for c in table.caption):
            continue
        name = SHEET_NAME_BAD.sub("", table.title)[:31]
        ws = wb.create_sheet(name if name not in wb.sheetnames else f"{name[:28]}{len(wb.sheetnames)}")
        width = table.n_cols
        row = 1
        for line in table.caption:
            ws.cell(row, 1, line)
            if width > 1:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
        first = row
        for cell in table.cells:
            target = ws.cell(first + cell.row, 1 + cell.col)
            number = _number_format(cell.text)
            if number is None:
                target.value = cell.text
                target.alignment = Alignment(wrap_text=True)
            else:
                target.value = float(number[0]) if "." in cell.text else int(number[0])
                target.number_format = number[1]
            if cell.row_span > 1 or cell.col_span > 1:
                ws.merge_cells(start_row=first + cell.row, start_column=1 + cell.col,
                               end_row=first + cell.row + cell.row_span - 1, end_column=cell.col + cell.col_span)
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if after is not None and not hasattr(after, "grid") and after.text.startswith("注"):
            ws.cell(first + table.n_rows, 1, after.text)
    path = FIXTURES / "002_statements.xlsx"
    wb.save(path)
    return path


def published_docx() -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "某市某局2022年度部门决算公开"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        run = footer.add_run()
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = text
            run._r.append(instr)
    footer.add_run(" -")
    document.add_paragraph("第二部分 2022年度部门决算表")
    for n in range(12):
        document.add_paragraph(f"（{n + 1}）本单位按照预算法和财政部门的要求编制部门决算，"
                               f"全面反映部门收支情况，各项数据均经过审核。")
    document.add_paragraph("".join(  # longer than what is left of page 1: it breaks across the page
        f"第{n + 1}项工作按计划完成，资金使用符合规定，未发现违规支出，相关资料已归档备查。" for n in range(24)))
    document.add_paragraph("一般公共预算财政拨款支出决算表")
    document.add_paragraph("公开05表")
    document.add_paragraph("金额单位：元")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(header.cells, ("科目名称", "合计", "基本支出", "项目支出")):
        cell.text = text
    mark = OxmlElement("w:tblHeader")  # repeat the header row on every page
    header._tr.get_or_add_trPr().append(mark)
    for r in range(1, 91):
        basic, project = Decimal(1000 + 37 * r) + Decimal("0.25"), Decimal(500 + 11 * r) + Decimal("0.50")
        total = basic + project + (Decimal(100) if r == WRONG_ROW else 0)
        cells = table.add_row().cells
        for cell, value in zip(cells, (f"支出科目{r}", f"{total:,.2f}", f"{basic:,.2f}", f"{project:,.2f}")):
            cell.text = value
    document.add_paragraph("注：本表反映部门本年度一般公共预算财政拨款实际支出情况。")
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(10.5)
    path = FIXTURES / "published.docx"
    document.save(path)
    return path


def booktabs_docx() -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def rule(parent, side: str, size: str) -> None:
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), size)
        parent.append(element)

    document = docx.Document()
    document.add_paragraph("“三公”经费支出决算表")
    document.add_paragraph("金额单位：万元")
    rows = [("项目", "预算数", "决算数"), ("因公出国（境）费", "0.00", "0.00"), ("公务接待费", "1.20", "0.80"),
            ("公务用车购置及运行维护费", "5.00", "4.30"), ("合计", "6.20", "5.20")]
    table = document.add_table(rows=len(rows), cols=3)
    borders = OxmlElement("w:tblBorders")
    rule(borders, "top", "12")
    rule(borders, "bottom", "12")
    table._tbl.tblPr.append(borders)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            if r == 0:
                cell_borders = OxmlElement("w:tcBorders")
                rule(cell_borders, "bottom", "6")
                cell._tc.get_or_add_tcPr().append(cell_borders)
    document.add_paragraph("注：本表反映“三公”经费支出情况。")
    path = FIXTURES / "booktabs.docx"
    document.save(path)
    return path


def main() -> None:
    if not shutil.which("soffice"):
        sys.exit("LibreOffice (soffice) is needed to regenerate the fixtures")
    FIXTURES.mkdir(exist_ok=True)
    sample_pdfs()
    xlsx = statements_workbook()
    with tempfile.TemporaryDirectory() as tmp:
        soffice("xls", [xlsx], Path(tmp))
        shutil.move(str(Path(tmp) / "002_statements.xls"), FIXTURES / "002_statements.xls")
    soffice("pdf", [published_docx(), booktabs_docx()], FIXTURES)
    with tempfile.TemporaryDirectory() as tmp:
        soffice(ENCRYPTED, [FIXTURES / "booktabs.docx"], Path(tmp))
        shutil.move(str(Path(tmp) / "booktabs.pdf"), FIXTURES / "encrypted.pdf")


if __name__ == "__main__":
    main()
