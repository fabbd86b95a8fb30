"""Hostile and broken input: each ends in a one-line reason (exit 2 for that file)
or a correct report, in bounded time and memory; inputs are never modified;
nothing outside the output directory is written; reports are written atomically."""

import hashlib
import os
import resource
import stat
import sys
import time
import zipfile

import pytest

from builders import build_docx
from gatekit import audit
from rawdocx import document_xml, paragraph, table, write_docx

ROWS = [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]]


def _one_reason(result, *needles):
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2, result.stderr
    assert len(errors) == 1 and errors[0].startswith("error: "), errors
    assert all(n in errors[0] for n in needles), errors[0]
    assert "Traceback" not in result.output
    return errors[0]


def _docx(tmp_path, name="doc.docx"):
    return build_docx(tmp_path / name, "单位：元", ROWS)


def _rezip(src, dst, replace=None, drop=()):
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for item in a.infolist():
            if item.filename in drop:
                continue
            data = a.read(item)
            b.writestr(item.filename, replace(item.filename, data) if replace else data)
    return dst


def _unreadable(tmp_path, path, *needles):
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    start = time.perf_counter()
    result = audit(path, "-q", "--output-dir", tmp_path / "out")
    assert time.perf_counter() - start < 10
    _one_reason(result, str(path), *needles)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # input untouched
    assert (tmp_path / "out" / f"{path.stem}.html").read_text(encoding="utf-8").count("无法读取") == 1


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    _unreadable(tmp_path, path, "empty file (0 bytes)")


def test_text_file_renamed_docx(tmp_path):
    path = tmp_path / "renamed.docx"
    path.write_text("合计 100 元\n这是文本文件", encoding="utf-8")
    _unreadable(tmp_path, path, "not a valid .docx")


def test_truncated_zip(tmp_path):
    path = tmp_path / "truncated.docx"
    path.write_bytes(_docx(tmp_path, "src.docx").read_bytes()[:3000])
    _unreadable(tmp_path, path, "not a valid .docx")


def test_encrypted_docx(tmp_path):
    # Word saves a password-protected .docx as an OLE compound file (EncryptedPackage)
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    _unreadable(tmp_path, path, "password-protected")


def test_main_part_missing(tmp_path):
    path = _rezip(_docx(tmp_path, "src.docx"), tmp_path / "nomain.docx", drop={"word/document.xml"})
    _unreadable(tmp_path, path, "no main document part")


def test_zip_bomb(tmp_path):
    # 300 MB of zeros compresses to ~300 KB: refused from the zip directory, never inflated
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                part.write(chunk)
    assert path.stat().st_size < 2_000_000
    _unreadable(tmp_path, path, "zip bomb")


def test_entity_expansion_bomb(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10))
    xml = document_xml(paragraph("&l9;"), prolog=f"<!DOCTYPE w:document [{lol}]>")
    path = write_docx(tmp_path / "billion.docx", document=xml)
    _unreadable(tmp_path, path, "DTD")


def test_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密 123", encoding="utf-8")
    xml = document_xml(paragraph("&xxe;"), prolog=f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>')
    path = write_docx(tmp_path / "xxe.docx", document=xml)
    _unreadable(tmp_path, path, "DTD")
    assert "机密" not in (tmp_path / "out" / "xxe.html").read_text(encoding="utf-8")


def test_html_and_script_in_document_text_are_inert(tmp_path):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    path = build_docx(tmp_path / "xss.docx", "单位：元", hostile, [["项目", "金额"], ["合计", "4.00"], [hostile, "3.00"]])
    result = audit(path, "--output-dir", tmp_path / "out", "--format", "html,sarif,junit,json", "-q",
                   "--select", "SUM")
    assert result.exit_code == 1
    for name in ("xss.html", "index.html"):
        html = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in (tmp_path / "out" / "xss.html").read_text(encoding="utf-8")
    from xml.etree import ElementTree

    ElementTree.parse(tmp_path / "out" / "audit.junit.xml")  # still well-formed XML


def test_control_characters_in_text_keep_junit_well_formed(tmp_path):
    # a .docx cannot carry them (its XML would be refused), a .txt extraction can
    path = tmp_path / "ctl\u001b.txt"
    path.write_text("收入\u0007支出表\n单位：元\n项目\t金额\n合计\t4.00\n甲\u0007\u001b\t3.00\n", encoding="utf-8")
    result = audit(path, "--format", "junit", "-q", "--select", "SUM")
    from xml.etree import ElementTree

    root = ElementTree.fromstring(result.stdout.encode("utf-8"))
    assert root.get("failures") == "1" and "\ufffd" in result.stdout


def test_a_table_of_20000_rows_is_audited_in_bounded_time_and_memory(tmp_path):
    rows = [["项目", "金额"], ["合计", "20001.00"]] + [[f"项目{i}", "1.00"] for i in range(20000)]
    path = write_docx(tmp_path / "big.docx", paragraph("单位：元") + table(rows))
    start = time.perf_counter()
    result = audit(path, "--output-dir", tmp_path / "out", "--format", "html,json", "--out", tmp_path / "r.json",
                   "-q", "--select", "SUM")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1
    import json

    (document,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    assert document["coverage"]["figures"] == 20001
    (finding,) = [f for f in document["findings"] if f["severity"] == "error"]
    assert (finding["check"], finding["stated"], finding["expected"]) == ("SUM001", "20001.00", "20000.00")
    assert elapsed < 90  # linear: a few seconds on an idle machine
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1 << 20)
    assert peak_mb < 2048


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root writes into read-only directories")
def test_read_only_output_directory_as_user(tmp_path):
    _read_only_case(tmp_path)


def test_read_only_output_directory(tmp_path, monkeypatch):
    # root ignores directory permissions: simulate the OS refusing the write
    import auditor.report as report

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(report.tempfile, "mkstemp", refuse)
    _read_only_case(tmp_path)


def _read_only_case(tmp_path):
    path = _docx(tmp_path)
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = audit(path, "--output-dir", out, "-q")
        _one_reason(result, "cannot write", str(out), "Permission denied")
        assert list(out.iterdir()) == []
    finally:
        out.chmod(stat.S_IRWXU)


def test_a_killed_write_leaves_no_half_written_report(tmp_path, monkeypatch):
    from auditor.report import write_atomic

    target = tmp_path / "out" / "r.html"
    write_atomic(target, "old complete report")

    class Killed(BaseException):
        pass

    def die(*args):
        raise Killed

    monkeypatch.setattr(os, "replace", die)
    with pytest.raises(Killed):
        write_atomic(target, "new report" * 1000)
    assert target.read_text(encoding="utf-8") == "old complete report"
    assert [p.name for p in target.parent.iterdir()] == ["r.html"]  # no temporary left behind


def test_only_the_output_directory_is_written(tmp_path):
    doc_dir = tmp_path / "in"
    doc_dir.mkdir()
    path = _docx(doc_dir)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    audit(doc_dir, "--output-dir", tmp_path / "out", "--format", "html,json,sarif,junit", "-q")
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if not p.is_relative_to(tmp_path / "out")}
    assert after == before and path.exists()
