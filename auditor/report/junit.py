"""JUnit XML output: one test suite per document, one test case per check run on it.

A test case fails when its check has findings at or above ``--fail-on``; lower
findings are listed in its ``system-out``. A document that could not be read is
one test case ``read`` with an ``error``. Text from the document is stripped of
characters XML 1.0 cannot carry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence
from xml.etree import ElementTree as ET

from auditor.engine import AuditResult
from auditor.findings import Finding
from auditor.model import Severity

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(finding: Finding) -> str:
    place = finding.where.describe() if finding.where else "整个文档"
    return _clean(f"[{finding.severity.label}] {place}：{finding.message} ({finding.fingerprint})")


def render(results: Sequence[AuditResult], fail_on: Severity | None = Severity.ERROR) -> str:
    from auditor.registry import available_checks

    checks = available_checks()
    root = ET.Element("testsuites", name="auditor")
    totals = defaultdict(int)
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=_clean(result.path))
        counts = defaultdict(int)
        if result.status == "error":
            case = ET.SubElement(suite, "testcase", classname=_clean(result.path), name="read")
            ET.SubElement(case, "error", message=_clean(result.error or ""), type="ReadError").text = _clean(
                result.error or "")
            counts["tests"] += 1
            counts["errors"] += 1
        by_check: dict[str, list[Finding]] = defaultdict(list)
        for finding in result.findings:
            by_check[finding.check].append(finding)
        codes = list(result.checks_run) + sorted(set(by_check) - set(result.checks_run))
        for code in codes:
            title = checks[code].title() if code in checks else code
            case = ET.SubElement(suite, "testcase", classname=_clean(result.path), name=f"{code} {title}")
            counts["tests"] += 1
            found = by_check.get(code, [])
            failing = [f for f in found if fail_on is not None and f.severity >= fail_on]
            if failing:
                counts["failures"] += 1
                ET.SubElement(case, "failure", message=f"{len(failing)} finding(s) at or above {fail_on.label}",
                              type=code).text = "\n".join(_line(f) for f in failing)
            others = [f for f in found if f not in failing]
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
        for key in ("tests", "failures", "errors"):
            suite.set(key, str(counts[key]))
            totals[key] += counts[key]
        suite.set("skipped", "0")
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
