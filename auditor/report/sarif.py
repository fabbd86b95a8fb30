"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

- one rule per check that ran (``ruleId`` = the check id, which never changes),
  with its title and documentation;
- one result per finding: level error/warning/note, the message with the place
  in words (表3 第5行 第2列 / 第12段), a physical location pointing at the
  document (``region.startLine`` 1: a .docx has no lines; the table/row/column
  or paragraph are in the message and in ``properties``), and
  ``partialFingerprints`` from the finding's fingerprint, so an alert survives
  re-runs and unrelated edits;
- a document that could not be read is a tool execution notification (level
  error) and makes ``executionSuccessful`` false.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from auditor import __version__
from auditor.baseline import Summary
from auditor.engine import AuditResult
from auditor.model import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "auditorFingerprint/v1"


def artifact_uri(path: str) -> str:
    """The document as a URI relative to the working directory (a repository's root in CI)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative.startswith(".."):
        return Path(absolute).as_uri()
    return quote(Path(relative).as_posix())


def _rules(results: Sequence[AuditResult]) -> list[dict]:
    from auditor.registry import available_checks

    checks = available_checks()
    codes = sorted({code for r in results for code in r.checks_run} | {f.check for r in results for f in r.findings})
    rules = []
    for code in codes:
        cls = checks.get(code)
        title = cls.title() if cls else code
        doc = cls.doc() if cls else title
        rules.append({
            "id": code,
            "name": cls.__name__ if cls else code,
            "shortDescription": {"text": title},
            "fullDescription": {"text": doc},
            "help": {"text": doc},
            "defaultConfiguration": {"level": LEVEL[cls.severity] if cls else "warning"},
            "properties": {"tags": ["consistency", code[:3].lower()]},
        })
    return rules


def render(results: Sequence[AuditResult], baseline: Summary | None = None) -> str:
    rules = _rules(results)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    artifacts, sarif_results, notifications = [], [], []
    for result in results:
        uri = artifact_uri(result.path)
        artifacts.append({"location": {"uri": uri}, "roles": ["analysisTarget"]})
        if result.status == "error":
            notifications.append({
                "level": "error",
                "message": {"text": f"无法读取 cannot read: {result.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": len(artifacts) - 1}}}],
            })
            continue
        for finding in result.findings:
            where = finding.where
            place = where.describe() if where else "整个文档"
            sarif_results.append({
                "ruleId": finding.check,
                "ruleIndex": index[finding.check],
                "level": LEVEL[finding.severity],
                "message": {"text": f"{place}：{finding.message}"},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "index": len(artifacts) - 1},
                        "region": {"startLine": 1},
                    },
                    "logicalLocations": [{"name": place, "kind": "element"}],
                }],
                "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
                "properties": {
                    "place": place,
                    "location": where.to_record() if where else None,
                    "stated": _str(finding.stated),
                    "expected": _str(finding.expected),
                    "difference": _str(finding.difference),
                    "tolerance": _str(finding.tolerance),
                    "arithmetic": finding.arithmetic,
                    "confidence": finding.confidence,
                    "figures": [f.to_record() for f in finding.figures],
                },
            })
    invocation = {
        "executionSuccessful": not notifications,
        "toolExecutionNotifications": notifications,
    }
    run = {
        "tool": {"driver": {
            "name": "auditor",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": rules,
        }},
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    if baseline is not None:
        run["properties"] = {"baseline": baseline.to_record()}
    payload = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _str(value) -> str | None:
    return None if value is None else str(value)
