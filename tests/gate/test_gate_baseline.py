"""Baselines: write, suppress, report stale entries; fingerprints survive unrelated edits."""

import json
import re
import shutil
import zipfile

from auditor.bench._mutation import text_mutants
from auditor.engine import audit_file
from auditor.registry import select_checks
from builders import build_docx
from gatekit import SAMPLES, audit


def _findings(*args):
    result = audit(*args, "--format", "json", "-q", "--fail-on", "never")
    return {d["path"]: d for d in json.loads(result.stdout)["documents"]}


def test_a_baseline_of_the_samples_makes_the_next_run_pass(sample_dir, tmp_path):
    baseline = tmp_path / "auditor-baseline.json"
    result = audit("baseline", "write", sample_dir, "-o", baseline)
    assert result.exit_code == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    before = _findings(sample_dir)
    assert len(entries) == sum(len(d["findings"]) for d in before.values()) > 0
    assert set(entries[0]) == {"fingerprint", "check", "document", "description", "reason"}
    assert all(e["document"].startswith("docs/") and e["reason"] == "" for e in entries)

    result = audit(sample_dir, "--baseline", baseline, "--fail-on", "info", "--output-dir", tmp_path / "out")
    assert result.exit_code == 0
    assert f"已知问题 {len(entries)} 项未计入" in result.stdout and "0 项已不再出现" in result.stdout
    after = _findings(sample_dir, "--baseline", baseline)
    assert all(d["findings"] == [] for d in after.values())
    assert sum(d["suppressed"] for d in after.values()) == len(entries)


def _edit_one_cell(src, dst, old, new):
    """Copy a .docx with the first run text exactly ``old`` replaced by ``new``."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for item in a.infolist():
            data = a.read(item)
            if item.filename == "word/document.xml":
                pattern = re.compile(rf"(<w:t(?: [^>]*)?>){re.escape(old)}(</w:t>)".encode())
                data, count = pattern.subn(lambda m: m.group(1) + new.encode() + m.group(2), data, count=1)
                assert count == 1
            b.writestr(item, data)


def test_editing_one_figure_brings_exactly_the_new_findings_back(tmp_path):
    sample = SAMPLES[2]  # its tables have row and column totals (SUM001/SUM002 cover them)
    work = tmp_path / "docs"
    work.mkdir()
    doc = work / sample.name
    shutil.copy(sample, doc)
    baseline = tmp_path / "b.json"
    assert audit("baseline", "write", doc, "-o", baseline, "--select", "SUM").exit_code == 0

    checks = select_checks(["SUM"])
    original = audit_file(doc, checks)
    old_prints = {f.fingerprint for f in original.findings}
    xml = zipfile.ZipFile(sample).read("word/document.xml").decode("utf-8")
    # the first amount printed once in the XML whose one-digit typo breaks a total
    for figure in original.document.figures:
        if not (figure.location.is_cell and figure.decimals == 2 and xml.count(f">{figure.text}</w:t>") == 1):
            continue
        _, new_text = text_mutants(figure.text)[0]
        _edit_one_cell(sample, doc, figure.text, new_text)
        mutated = audit_file(doc, checks)
        expected = [f for f in mutated.findings if f.fingerprint not in old_prints]
        if expected:
            break
    at = figure.location
    assert all(any((g.location.table, g.location.row, g.location.col) == (at.table, at.row, at.col)
                   for g in f.figures) for f in expected)

    (document,) = _findings(doc, "--baseline", baseline, "--select", "SUM").values()
    assert [f["fingerprint"] for f in document["findings"]] == [f.fingerprint for f in expected]
    assert document["suppressed"] == len(original.findings)


def test_fixed_debt_is_reported_as_stale(tmp_path):
    doc = build_docx(tmp_path / "d.docx", "单位：元", [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]])
    baseline = tmp_path / "b.json"
    audit("baseline", "write", doc, "-o", baseline)
    build_docx(doc, "单位：元", [["项目", "金额"], ["合计", "3.00"], ["甲", "3.00"]])  # fixed
    result = audit(doc, "--baseline", baseline, "--format", "html,json", "--output-dir", tmp_path / "out")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["baseline"]["suppressed"] == 0
    (stale,) = payload["baseline"]["stale"]
    assert stale["check"] == "SUM001" and stale["document"] == "d.docx"
    assert "1 项已不再出现" in result.stderr
    assert stale["fingerprint"] in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_rewriting_keeps_the_reasons_people_gave(tmp_path):
    doc = build_docx(tmp_path / "d.docx", "单位：元", [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]])
    baseline = tmp_path / "b.json"
    audit("baseline", "write", doc, "-o", baseline)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["entries"][0]["reason"] = "原始凭证如此，已向财政局说明"
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    audit("baseline", "write", doc, "-o", baseline)
    assert json.loads(baseline.read_text(encoding="utf-8"))["entries"][0]["reason"] == "原始凭证如此，已向财政局说明"


def test_an_unrelated_edit_keeps_the_fingerprint(tmp_path):
    rows = [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]]
    doc = build_docx(tmp_path / "d.docx", "收入决算表", "单位：元", rows)
    baseline = tmp_path / "b.json"
    audit("baseline", "write", doc, "-o", baseline)
    # text and another table added before it: positions change, meaning does not
    build_docx(doc, "前言：本单位2024年收支情况如下。", [["说明", "内容"], ["甲", "乙"]], "收入决算表", "单位：元", rows)
    assert audit(doc, "--baseline", baseline, "-q").exit_code == 0


def test_a_broken_baseline_is_a_usage_error(tmp_path):
    doc = build_docx(tmp_path / "d.docx", "单位：元", [["项目", "金额"], ["合计", "3.00"], ["甲", "3.00"]])
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    result = audit(doc, "--baseline", bad, "-q")
    assert result.exit_code == 2 and "not a readable baseline" in result.stderr
    result = audit("baseline", "write", doc, "-o", bad)
    assert result.exit_code == 2 and "not overwritten" in result.stderr
