"""GitHub Actions output: workflow-command annotations and a Markdown job summary.

Annotations (``::error file=…,title=…::message``) are capped as GitHub caps them
(10 errors, 10 warnings and 10 notices per step are shown); the rest are counted
in one closing notice. The Markdown summary (for ``$GITHUB_STEP_SUMMARY``) lists
every document with its status and counts, the unreadable files with their
reasons, and the top findings, kept well under GitHub's 1 MiB limit.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Sequence

from auditor.baseline import Summary
from auditor.engine import AuditResult
from auditor.model import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
CAP_PER_LEVEL = 10
SUMMARY_FINDINGS = 50
SUMMARY_LIMIT = 900_000  # characters; GitHub refuses a step summary over 1 MiB


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str) -> str:
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def annotations(results: Sequence[AuditResult]) -> str:
    lines: list[str] = []
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()

    def emit(level: str, file: str, title: str, message: str) -> None:
        if shown[level] >= CAP_PER_LEVEL:
            hidden[level] += 1
            return
        shown[level] += 1
        lines.append(f"::{level} file={_property(file)},title={_property(title)}::{_data(message)}")

    # unreadable files first, then findings by severity, in document order: what is shown is what matters most
    for result in results:
        if result.status == "error":
            emit("error", _relative(result.path), "auditor: cannot read", result.error or "")
    ranked = sorted(((f, r.path) for r in results for f in r.findings), key=lambda item: -item[0].severity)
    for finding, path in ranked:
        place = finding.where.describe() if finding.where else "整个文档"
        emit(COMMAND[finding.severity], _relative(path), f"{finding.check} {place}", finding.message)
    if hidden:
        more = ", ".join(f"{n} {level}" for level, n in sorted(hidden.items()))
        lines.append(f"::notice title=auditor::{_data(f'{more} more not annotated (GitHub shows 10 per level); see the job summary and reports')}")
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def summary(results: Sequence[AuditResult], baseline: Summary | None = None) -> str:
    totals: Counter[str] = Counter()
    for result in results:
        totals.update(result.counts())
    unreadable = [r for r in results if r.status == "error"]
    out = [
        "## auditor: consistency audit",
        "",
        f"{len(results)} document(s) · errors **{totals['error']}** · warnings {totals['warning']} · "
        f"info {totals['info']} · unreadable **{len(unreadable)}**",
        "",
    ]
    if baseline is not None:
        out += [f"Baseline `{baseline.file}`: {baseline.suppressed} known finding(s) suppressed; "
                f"{len(baseline.stale)} entry(ies) no longer match (remove them).", ""]
    out += ["| document | status | error | warning | info | cross-checked |", "|---|---|---:|---:|---:|---:|"]
    for result in results:
        counts = result.counts()
        if result.status == "error":
            out.append(f"| {_cell(_relative(result.path))} | ❌ unreadable: {_cell(result.error or '')} | | | | |")
            continue
        status = "❌" if counts["error"] else ("⚠️" if counts["warning"] else "✅")
        share = f"{result.checked}/{result.figures}"
        out.append(f"| {_cell(_relative(result.path))} | {status} | {counts['error']} | {counts['warning']} | "
                   f"{counts['info']} | {share} |")
    ranked = sorted(((f, r.path) for r in results for f in r.findings if f.severity > Severity.INFO),
                    key=lambda item: -item[0].severity)
    if ranked:
        out += ["", "### Findings", "", "| level | check | document | where | problem |", "|---|---|---|---|---|"]
        for finding, path in ranked[:SUMMARY_FINDINGS]:
            place = finding.where.describe() if finding.where else ""
            out.append(f"| {finding.severity.label} | {finding.check} | {_cell(_relative(path))} | {place} | "
                       f"{_cell(finding.message)} |")
        if len(ranked) > SUMMARY_FINDINGS:
            out.append(f"\n… and {len(ranked) - SUMMARY_FINDINGS} more: see the reports.")
    text = "\n".join(out) + "\n"
    if len(text) > SUMMARY_LIMIT:
        text = text[:SUMMARY_LIMIT].rsplit("\n", 1)[0] + "\n\n… summary cut at GitHub's size limit.\n"
    return text
