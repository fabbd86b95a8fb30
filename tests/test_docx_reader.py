"""The .docx reader: body order, merged cells, nested tables, content controls,
tracked changes, headers ignored."""

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from auditor.extract import read_document
from auditor.model import Paragraph, Table
from builders import (add_tracked_paragraph, build_docx, nest_table, set_header_text,
                      wrap_last_paragraph_in_sdt)


def test_blocks_come_in_body_order_with_python_docx_indices(tmp_path):
    path = build_docx(tmp_path / "d.docx", "第一段", [["a", "1"]], "第二段", [["b", "2"]], "第三段")
    doc = read_document(path)
    kinds = [(type(b).__name__, b.index) for b in doc.blocks]
    assert kinds == [("Paragraph", 0), ("Table", 0), ("Paragraph", 1), ("Table", 1), ("Paragraph", 2)]
    reference = docx.Document(path)
    assert [p.text for p in doc.paragraphs] == [p.text for p in reference.paragraphs]


def test_horizontal_merge_appears_once_at_its_origin_with_its_span(tmp_path):
    rows = [["预算数", "", "决算数", ""], ["合计", "出国", "合计", "出国"], ["10", "10", "8", "8"]]
    path = build_docx(tmp_path / "m.docx", (rows, [(0, 0, 0, 1), (0, 2, 0, 3)]))
    table = read_document(path).tables[0]
    origin = table.cell_at(0, 0)
    assert (origin.text, origin.row, origin.col, origin.col_span) == ("预算数", 0, 0, 2)
    assert table.cell_at(0, 1) is origin  # the covered position points at the origin
    assert [c.text for c in table.row_origins(0)] == ["预算数", "决算数"]
    assert table.cell_at(0, 2).col == 2


def test_vertical_merge_appears_once_with_its_row_span(tmp_path):
    rows = [["产出指标", "数量", "5"], ["", "质量", "5"], ["", "时效", "5"], ["效益指标", "社会", "10"]]
    path = build_docx(tmp_path / "v.docx", (rows, [(0, 0, 2, 0)]))
    table = read_document(path).tables[0]
    origin = table.cell_at(0, 0)
    assert (origin.text, origin.row_span) == ("产出指标", 3)
    assert table.cell_at(2, 0) is origin
    assert [c.text for c in table.row_origins(1)] == ["质量", "5"]
    assert table.cell_at(3, 0).text == "效益指标"


def test_multi_line_cell_text_is_kept(tmp_path):
    path = build_docx(tmp_path / "l.docx", [["第一行\n第二行", "1"]])
    assert read_document(path).tables[0].text_at(0, 0) == "第一行\n第二行"


def test_nested_table_belongs_to_its_cell_and_not_to_the_top_level(tmp_path):
    path = build_docx(tmp_path / "n.docx", [["外", "x"], ["y", "z"]], [["second", "1"]])
    nest_table(path, 0, 1, 1, [["内", "9.00"]])
    doc = read_document(path)
    assert [t.index for t in doc.tables] == [0, 1]
    inner = doc.tables[0].cell_at(1, 1).tables[0]
    assert inner.text_at(0, 0) == "内"
    assert inner.location(0, 1).to_record() == {"table": 0, "row": 0, "col": 1,
                                                "nested": [{"row": 1, "col": 1, "table": 0}]}
    assert inner in doc.all_tables


def test_content_control_paragraphs_are_read_in_place_outside_the_body_count(tmp_path):
    path = build_docx(tmp_path / "s.docx", "正文", "控件内 5元")
    wrap_last_paragraph_in_sdt(path)
    doc = read_document(path)
    assert [(p.text, p.part, p.index) for p in doc.paragraphs] == [("正文", "body", 0), ("控件内 5元", "sdt", 0)]


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path):
    path = build_docx(tmp_path / "t.docx", "first")
    add_tracked_paragraph(path, "保留", "插入", "删除")
    assert read_document(path).paragraphs[-1].text == "保留插入"


def test_headers_and_footers_are_ignored(tmp_path):
    path = build_docx(tmp_path / "h.docx", "正文 5元")
    set_header_text(path, "页眉 99元")
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == ["正文 5元"]


def test_headings_name_the_section_of_the_blocks_below(tmp_path):
    path = build_docx(tmp_path / "g.docx", ("h1", "第二部分 决算表"), "收入决算表", "单位：万元", [["合计", "1.00"]])
    doc = read_document(path)
    table = doc.tables[0]
    assert isinstance(table, Table) and table.section == "第二部分 决算表"
    assert table.title == "收入决算表"
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].heading_level == 1


def _append_to_body(path, xml):
    """Append raw WordprocessingML blocks at the end of the body (before w:sectPr)."""
    document = docx.Document(path)
    body = document.element.body
    for block in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
        body.insert(len(body) - 1, block)
    document.save(path)


def _tc(xml, properties=""):
    return f"<w:tc>{properties}{xml}</w:tc>"


def _p(text):
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_grid_reads_gridbefore_spans_merges_wrapped_cells_and_rich_paragraphs(tmp_path):
    path = build_docx(tmp_path / "g.docx", "正文")
    span = "<w:tcPr><w:gridSpan w:val='2'/></w:tcPr>"  # "²" below is a digit to str.isdigit, not to int()
    _append_to_body(path, (
        "<w:tbl>"
        "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>" + _tc(_p("a"), span)
        + _tc(_p("b"), "<w:tcPr><w:vMerge w:val='restart'/></w:tcPr>") + "</w:tr>"
        "<w:tr>" + _tc(_p("c") + "<w:p/>" + "<w:p><w:r><w:t>d</w:t><w:tab/><w:t>e</w:t><w:br/></w:r></w:p>")
        + _tc(_p("x"), "<w:tcPr><w:gridSpan w:val='²'/></w:tcPr>") + _tc(_p("y"))
        + _tc(_p("gone"), "<w:tcPr><w:vMerge/></w:tcPr>") + "</w:tr>"
        "<w:tr><w:sdt><w:sdtContent>" + _tc(_p("f"), span) + "</w:sdtContent></w:sdt>"
        + _tc("<w:sdt><w:sdtContent>" + _p("g") + "</w:sdtContent></w:sdt>") + "</w:tr>"
        "</w:tbl>"
        "<w:p><w:pPr><w:outlineLvl w:val='1'/></w:pPr><w:r><w:t>大纲二级</w:t></w:r></w:p>"
    ))
    doc = read_document(path)
    table = doc.tables[0]
    cells = [[None if c is None else (c.text, c.row, c.col, c.row_span, c.col_span) for c in row] for row in table.grid]
    assert cells == [
        [None, ("a", 0, 1, 1, 2), ("a", 0, 1, 1, 2), ("b", 0, 3, 2, 1)],
        [("c\n\nd\te\n", 1, 0, 1, 1), ("x", 1, 1, 1, 1), ("y", 1, 2, 1, 1), ("b", 0, 3, 2, 1)],
        [("f", 2, 0, 1, 2), ("f", 2, 0, 1, 2), ("g", 2, 2, 1, 1), None],
    ]
    assert table.cells == list(dict.fromkeys(c for row in table.grid for c in row if c is not None))  # row-major
    assert [(p.text, p.heading_level) for p in doc.paragraphs] == [("正文", 0), ("大纲二级", 2)]
