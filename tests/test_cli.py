"""The `audit` command: exit codes, JSON contract, HTML report, unreadable files."""

import json
import zipfile

import pytest
from click.testing import CliRunner

from auditor.cli import main
from builders import build_docx


def run(*args, cwd=None):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


@pytest.fixture
def clean_doc(tmp_path):
    return build_docx(tmp_path / "clean.docx", "单位：元", [["项目", "金额"], ["合计", "3.00"], ["甲", "3.00"]])


@pytest.fixture
def broken_doc(tmp_path):
    return build_docx(tmp_path / "broken.docx", "单位：元", [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]])


def test_exit_0_when_clean_and_the_html_report_is_written(tmp_path, clean_doc):
    result = run(clean_doc, "--output-dir", tmp_path / "out")
    assert result.exit_code == 0
    assert (tmp_path / "out" / "clean.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "参与核对" in result.output


def test_exit_1_when_an_error_is_found(tmp_path, broken_doc):
    assert run(broken_doc, "--output-dir", tmp_path / "out", "-q").exit_code == 1


def test_fail_on_never_and_ignore_change_the_exit_code(tmp_path, broken_doc):
    assert run(broken_doc, "--output-dir", tmp_path, "-q", "--fail-on", "never").exit_code == 0
    assert run(broken_doc, "--output-dir", tmp_path, "-q", "--ignore", "SUM").exit_code == 0


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.docx", b"", "empty file"),
        ("renamed.docx", "这不是Word文件".encode(), "not a valid .docx"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password-protected"),
        ("doc.odt", b"PK\x03\x04", "unsupported file type .odt"),
    ],
)
def test_unreadable_files_exit_2_with_a_one_line_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, [str(path), "--output-dir", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and reason in lines[0] and "Traceback" not in result.output


def test_truncated_zip_and_missing_main_part_are_clear_errors(tmp_path, clean_doc):
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(clean_doc.read_bytes()[:2000])
    no_main = tmp_path / "nomain.docx"
    with zipfile.ZipFile(no_main, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    for path, reason in ((truncated, "not a valid .docx"), (no_main, "no main document part")):
        result = CliRunner().invoke(main, [str(path), "-q", "--output-dir", str(tmp_path)])
        assert result.exit_code == 2 and reason in result.stderr


def test_entity_declarations_in_document_xml_are_refused(tmp_path, clean_doc):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(clean_doc) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            dst.writestr(item, data)
    result = CliRunner().invoke(main, [str(bomb), "-q", "--output-dir", str(tmp_path)])
    assert result.exit_code == 2 and "DTD" in result.stderr


def test_a_batch_goes_on_after_a_bad_file(tmp_path, clean_doc):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, [str(bad), str(clean_doc), "-q", "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert (tmp_path / "out" / "clean.html").exists() and (tmp_path / "out" / "bad.html").exists()


def test_json_follows_the_location_contract(tmp_path, broken_doc):
    result = CliRunner().invoke(main, [str(broken_doc), "--format", "json", "--output-dir", str(tmp_path)])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    (document,) = payload["documents"]
    assert set(document) >= {"path", "status", "error", "coverage", "findings"}
    assert document["status"] == "ok" and document["error"] is None
    coverage = document["coverage"]
    assert (coverage["figures"], coverage["checked"]) == (2, 2)
    assert coverage["tables"] == {"figures": 2, "checked": 2} and coverage["prose"] == {"figures": 0, "checked": 0}
    assert coverage["claims"] == {"found": 0, "checked": 0}
    (finding,) = document["findings"]
    assert set(finding) >= {"check", "severity", "message", "fingerprint", "stated", "expected", "figures"}
    assert (finding["check"], finding["severity"], finding["stated"], finding["expected"]) == (
        "SUM001", "error", "4.00", "3.00")
    assert finding["figures"][0] == {"text": "4.00", "value": "4.00", "unit": "元", "decimals": 2,
                                     "location": {"table": 0, "row": 1, "col": 1}}


def test_json_to_a_file_with_out(tmp_path, clean_doc):
    out = tmp_path / "r.json"
    assert run(clean_doc, "--format", "json,html", "--out", out, "--output-dir", tmp_path, "-q").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["findings"] == []


def test_unknown_format_is_a_usage_error(clean_doc):
    assert CliRunner().invoke(main, [str(clean_doc), "--format", "pdf"]).exit_code == 2


def test_document_text_is_escaped_in_the_html_report(tmp_path):
    hostile = "<script>alert(1)</script>"
    path = build_docx(tmp_path / "x.docx", "单位：元", [["项目", "金额"], ["合计", "4.00"], [hostile, "3.00"]])
    run(path, "--output-dir", tmp_path, "-q")
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert hostile not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_checks_lists_every_check_with_its_title():
    result = run("checks")
    assert result.exit_code == 0
    assert "SUM001" in result.output and "合计行不等于其所合计各行之和" in result.output
