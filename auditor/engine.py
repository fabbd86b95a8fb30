"""The engine: run the selected checks on a document and count what was verified.

It knows no specific check. For each document it:
- runs every check, turning a crash into an AUD900 finding (the run goes on);
- keeps one finding per broken relation: findings with the same relation key
  (see ``Finding.relation_key``) are reported once, by the check with the
  highest priority (a statement check outranks the generic total check);
- counts coverage: figures found, and figures that took part in at least one
  check (in a finding or in a verified relation);
- gives each finding a fingerprint built from what the figures *mean* (table
  title, row and column labels; the sentence with its digits masked), the check,
  and the stated and expected values — stable across runs, machines and
  unrelated edits elsewhere in the document.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from auditor.extract import ReadError, read_document
from auditor.findings import Finding
from auditor.model import Document, Location, Severity, Table
from auditor.registry import Check, InternalError, coverage_metrics

DIGITS = re.compile(r"[0-9.,，%]+")  # masked in a paragraph's anchor: the fingerprint survives corrected figures


@dataclass
class AuditResult:
    path: str
    status: str = "ok"  # "ok" or "error" (the file could not be read)
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    figures: int = 0
    checked: int = 0
    checks_run: tuple[str, ...] = ()
    document: Document | None = None  # kept for the HTML report; not serialised
    seconds: float = 0.0
    suppressed: int = 0  # findings left out because a baseline lists them
    # coverage by source (tables/prose) and by family metric (claims, score tables, statements)
    coverage_detail: dict[str, dict[str, int]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        tally = Counter(f.severity.label for f in self.findings)
        return {s.label: tally.get(s.label, 0) for s in sorted(Severity, reverse=True)}

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def to_record(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "coverage": {"figures": self.figures, "checked": self.checked, **self.coverage_detail},
            "counts": self.counts(),
            "suppressed": self.suppressed,
            "checks_run": list(self.checks_run),
            "findings": [f.to_record() for f in self.findings],
        }


class _Index:
    """Find the table or paragraph a location points at, to describe it in words."""

    def __init__(self, doc: Document):
        self.tables = {(t.part, t.index, t.nested): t for top in doc.tables for t in top.iter_tables()}
        self.paragraphs = {(p.part, p.index): p for p in doc.paragraphs}
        self._masked: dict[tuple, str] = {}  # paragraph → its text with digits masked (findings share paragraphs)

    def table(self, loc: Location) -> Table | None:
        return self.tables.get((loc.part, loc.table, loc.nested))

    def anchor(self, loc: Location) -> str:
        """What a location means, independent of where it sits."""
        from auditor.tables import layout, row_label

        if loc.is_cell:
            table = self.table(loc)
            if table is None or loc.row is None:
                return "table"
            column = layout(table).column_labels[loc.col] if loc.col < table.n_cols else ""
            return f"{table.title}|{row_label(table, loc.row)}|{column}|{loc.start}"
        key = (loc.part, loc.paragraph)
        masked = self._masked.get(key)
        if masked is None:
            paragraph = self.paragraphs.get(key)
            masked = self._masked[key] = DIGITS.sub("#", paragraph.text if paragraph else "")
        return f"{masked}|{loc.start}"


def _fingerprints(findings: list[Finding], index: _Index) -> list[Finding]:
    out = []
    seen: Counter[str] = Counter()
    for f in findings:
        anchor = "‖".join(
            [f.check, str(f.stated), str(f.expected)] + [index.anchor(fig.location) for fig in f.figures]
        )
        digest = hashlib.sha256(anchor.encode("utf-8")).hexdigest()[:16]
        seen[digest] += 1
        if seen[digest] > 1:  # the same relation text twice: number the repeats in document order
            digest = hashlib.sha256(f"{anchor}#{seen[digest]}".encode("utf-8")).hexdigest()[:16]
        out.append(f.with_fingerprint(digest, anchor))
    return out


def _one_per_relation(findings: list[tuple[int, Finding]], verified: dict[object, int] | None = None
                      ) -> list[Finding]:
    """One finding per relation key, from the highest-priority check; a relation that a
    higher-priority check verified (``Checked.relation``) drops the others' findings on it."""
    best: dict[object, tuple[int, Finding]] = {}
    order: list[object] = []
    verified = verified or {}
    for priority, finding in findings:
        key = finding.relation_key() or id(finding)
        if verified.get(key, priority) > priority:
            continue
        if key not in best:
            order.append(key)
            best[key] = (priority, finding)
        elif (priority, finding.severity) > (best[key][0], best[key][1].severity):
            best[key] = (priority, finding)
    return [best[k][1] for k in order]


def audit_document(doc: Document, checks: Sequence[type[Check]]) -> AuditResult:
    raw: list[tuple[int, Finding]] = []
    touched: set[Location] = set()
    verified: dict[object, int] = {}  # relation key → highest priority of a check that verified it
    for check_class in checks:
        check = check_class()
        try:
            for item in check.run(doc):
                touched.update(fig.location for fig in item.figures)
                if isinstance(item, Finding):
                    raw.append((check_class.priority, item))
                elif item.relation:
                    verified[item.relation] = max(verified.get(item.relation, check_class.priority),
                                                  check_class.priority)
        except Exception as err:  # a broken check must not stop the audit
            message = f"{check_class.code} 运行失败：{type(err).__name__}: {err}"
            raw.append((-1, InternalError().finding(message)))
    index = _Index(doc)
    findings = _one_per_relation(raw, verified)
    findings.sort(key=lambda f: (f.where.sort_key() if f.where else (), -f.severity, f.check))
    figures = doc.figures
    tally = Counter((fig.location.table is not None, fig.location in touched) for fig in figures)
    detail = {
        source: {"figures": tally[in_table, True] + tally[in_table, False], "checked": tally[in_table, True]}
        for source, in_table in (("tables", True), ("prose", False))
    }
    checked = detail["tables"]["checked"] + detail["prose"]["checked"]
    for name, count in coverage_metrics().items():
        try:
            detail[name] = count(doc)
        except Exception as err:  # a broken metric is reported, like a broken check
            findings.append(InternalError().finding(f"覆盖率统计 {name} 失败：{type(err).__name__}: {err}"))
    return AuditResult(
        path=doc.path,
        findings=_fingerprints(findings, index),
        figures=len(figures),
        checked=checked,
        checks_run=tuple(c.code for c in checks),
        document=doc,
        coverage_detail=detail,
    )


def audit_file(path: str | Path, checks: Sequence[type[Check]]) -> AuditResult:
    """Read and audit one file; a file that cannot be read gives status "error"."""
    start = time.perf_counter()
    try:
        doc = read_document(path)
    except ReadError as err:
        return AuditResult(path=str(path), status="error", error=str(err), seconds=time.perf_counter() - start)
    result = audit_document(doc, checks)
    result.seconds = time.perf_counter() - start
    return result


def exit_code(results: Sequence[AuditResult], fail_on: Severity | None = Severity.ERROR) -> int:
    """2 when a file could not be read, 1 when a finding reaches ``fail_on``, else 0."""
    if any(r.status == "error" for r in results):
        return 2
    if fail_on is not None and any((r.worst() or 0) >= fail_on for r in results):
        return 1
    return 0
