"""The .txt reader: paragraphs per line, tables as tab rows or one cell per line."""

from auditor.extract import read_document


def test_tab_separated_lines_form_one_table(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("标题\n项目\t金额\n合计\t3.00\n甲\t3.00\n说明文字\n", encoding="utf-8")
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == ["标题", "说明文字"]
    table = doc.tables[0]
    assert [[table.text_at(r, c) for c in range(2)] for r in range(3)] == [["项目", "金额"], ["合计", "3.00"], ["甲", "3.00"]]
    assert table.caption == ["标题"]


def test_one_cell_per_line_rows_separated_by_blank_lines(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("表\n\t一级指标\n\t分值\n\n\t产出指标\n\t50\n续行\n\n\t效益\n\t30\n", encoding="utf-8")
    table = read_document(path).tables[0]
    assert [[table.text_at(r, c) for c in range(2)] for r in range(3)] == [
        ["一级指标", "分值"], ["产出指标", "50\n续行"], ["效益", "30"]]


def test_gb18030_text_is_decoded(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes("合计 5元".encode("gb18030"))
    assert read_document(path).paragraphs[0].text == "合计 5元"
