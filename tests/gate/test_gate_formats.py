"""Machine-readable outputs: SARIF 2.1.0 (validated against the vendored schema),
JUnit XML, GitHub annotations and job summary, JSON; all from the same results."""

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from builders import build_docx
from gatekit import SAMPLES, audit

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
BROKEN = [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]]


@pytest.fixture
def mixed(sample_dir, tmp_path):
    """The samples, a hand-made error and an unreadable file."""
    build_docx(sample_dir / "broken.docx", "收入表", "单位：元", BROKEN)
    (sample_dir / "empty.docx").write_bytes(b"")
    return sample_dir


def _validate(text):
    payload = json.loads(text)
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(payload)
    return payload


def test_sarif_validates_and_carries_rules_locations_and_fingerprints(mixed, tmp_path):
    result = audit(mixed, "--format", "sarif", "-q", "--fail-on", "never")
    assert result.exit_code == 2  # the empty file
    (run,) = _validate(result.stdout)["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    sum001 = next(r for r in rules if r["id"] == "SUM001")
    from auditor.registry import available_checks

    assert sum001["shortDescription"]["text"].startswith("合计行不等于其所合计各行之和")
    assert sum001["fullDescription"]["text"] == available_checks()["SUM001"].doc()
    ours = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "docs/broken.docx"]
    (finding,) = [r for r in ours if r["ruleId"] == "SUM001"]
    assert finding["level"] == "error" and finding["message"]["text"].startswith("表1 第2行 第2列：")
    assert rules[finding["ruleIndex"]]["id"] == "SUM001"
    assert len(finding["partialFingerprints"]["auditorFingerprint/v1"]) == 16
    assert finding["properties"]["location"] == {"table": 0, "row": 1, "col": 1}
    assert (finding["properties"]["stated"], finding["properties"]["expected"]) == ("4.00", "3.00")
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert "empty file" in note["message"]["text"]
    assert len(run["artifacts"]) == len(SAMPLES) + 2


def test_sarif_fingerprints_equal_the_json_fingerprints(tmp_path):
    args = (SAMPLES[3], "-q", "--fail-on", "never", "--output-dir", tmp_path)
    sarif = json.loads(audit(*args, "--format", "sarif").stdout)["runs"][0]["results"]
    records = json.loads(audit(*args, "--format", "json").stdout)["documents"][0]["findings"]
    assert [r["partialFingerprints"]["auditorFingerprint/v1"] for r in sarif] == [f["fingerprint"] for f in records]
    assert [r["ruleId"] for r in sarif] == [f["check"] for f in records]


def test_junit_is_one_test_case_per_document_and_check(mixed):
    result = audit(mixed, "--format", "junit", "-q", "--select", "SUM")
    root = ElementTree.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == len(SAMPLES) + 2
    by_name = {Path(s.get("name")).name: s for s in suites}
    broken = by_name["broken.docx"]
    cases = {c.get("name").split()[0]: c for c in broken.findall("testcase")}
    assert set(cases) == {"SUM001", "SUM002"}
    failure = cases["SUM001"].find("failure")
    assert failure is not None and "4.00" in failure.text and cases["SUM002"].find("failure") is None
    assert broken.get("tests") == "2" and broken.get("failures") == "1"
    (read,) = by_name["empty.docx"].findall("testcase")
    assert read.get("name") == "read" and "empty file" in read.find("error").get("message")
    total = sum(int(s.get("tests")) for s in suites)
    assert root.get("tests") == str(total) and int(root.get("errors")) == 1


def test_junit_lists_findings_below_fail_on_as_output_not_failures(tmp_path):
    doc = build_docx(tmp_path / "wan.docx", "单位：万元", [["项目", "金额"], ["合计", "3.01"], ["甲", "1.00"],
                                                         ["乙", "2.00"]])
    root = ElementTree.fromstring(audit(doc, "--format", "junit", "-q", "--select", "SUM001").stdout.encode())
    (case,) = root.iter("testcase")
    assert case.find("failure") is None and "尾差" in case.find("system-out").text


def test_github_annotations_escape_and_cap(tmp_path):
    docs = [build_docx(tmp_path / f"d{i}.docx", "单位：元",
                       [["项目", "金额"], ["合计", "4.00"], ["甲%,:\n", "3.00"]]) for i in range(12)]
    result = audit(*docs, "--format", "github", "-q", "--select", "SUM001", "--output-dir", tmp_path / "out")
    lines = result.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 10
    assert errors[0].startswith("::error file=d0.docx,title=SUM001 表1 第2行 第2列::")
    assert lines[-1].startswith("::notice title=auditor::2 error more not annotated")
    assert all("\n" not in line for line in lines)
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "| d11.docx | ❌ | 1 | 0 | 0 |" in summary and "errors **12**" in summary


def test_github_summary_goes_to_the_step_summary_file(mixed, tmp_path):
    step = tmp_path / "step.md"
    step.write_text("earlier step\n", encoding="utf-8")
    result = audit(mixed, "--format", "github", "-q", "--output-dir", tmp_path / "out",
                   env={"GITHUB_STEP_SUMMARY": str(step)})
    text = step.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## auditor")
    assert "unreadable: " in text and "empty file" in text
    assert "::error file=docs/empty.docx,title=auditor%3A cannot read::" in result.stdout
    assert not (tmp_path / "out" / "summary.md").exists()


def test_json_follows_the_readme_schema(mixed):
    payload = json.loads(audit(mixed, "--format", "json", "-q").stdout)
    assert set(payload) == {"tool", "version", "schema", "documents"}
    assert payload["tool"] == "auditor" and payload["schema"] == 1
    for document in payload["documents"]:
        assert set(document) == {"path", "status", "error", "coverage", "counts", "suppressed", "checks_run",
                                 "findings"}
        assert document["status"] in ("ok", "error")
        for finding in document["findings"]:
            assert {"check", "severity", "confidence", "message", "fingerprint", "stated", "expected", "difference",
                    "tolerance", "arithmetic", "location", "figures"} <= set(finding)


def test_several_formats_at_once_go_to_files(mixed, tmp_path):
    out = tmp_path / "out"
    result = audit(mixed, "--format", "html,json,sarif,junit", "-q", "--output-dir", out,
                   "--out", f"sarif={tmp_path / 'code.sarif'}")
    assert result.stdout == ""
    assert (tmp_path / "code.sarif").exists() and not (out / "audit.sarif").exists()
    assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["documents"]
    ElementTree.parse(out / "audit.junit.xml")
    _validate((tmp_path / "code.sarif").read_text(encoding="utf-8"))
