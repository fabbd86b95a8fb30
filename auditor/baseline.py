"""Baselines: known findings recorded by fingerprint, suppressed in later runs.

``audit baseline write PATH...`` records every current finding as an entry
(fingerprint, check, document, a short description, and a ``reason`` that a
person must fill in). ``audit PATH... --baseline FILE`` then leaves those
findings out of the reports and the exit code, counts them in the summary, and
lists the entries of the audited documents that matched nothing (debt that has
been fixed: remove them).

A finding's fingerprint is built by the engine from what its figures mean (see
``auditor.engine``), so it survives unrelated edits to the document. Documents
are recorded relative to the baseline file's directory, so a baseline committed
to a repository matches on any checkout.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from auditor.findings import Finding

FORMAT_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    check: str
    document: str  # relative to the baseline file, POSIX separators
    description: str = ""
    reason: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.document, self.fingerprint)

    def to_record(self) -> dict:
        return {"fingerprint": self.fingerprint, "check": self.check, "document": self.document,
                "description": self.description, "reason": self.reason}


@dataclass(frozen=True)
class Baseline:
    root: Path  # the baseline file's directory
    entries: tuple[Entry, ...] = ()

    def document_key(self, path: str | Path) -> str:
        """How a document is named in this baseline: relative to its directory where possible."""
        absolute = Path(os.path.abspath(path))
        try:
            return Path(os.path.relpath(absolute, os.path.abspath(self.root))).as_posix()
        except ValueError:  # another drive on Windows
            return absolute.as_posix()

    def keys(self) -> frozenset[tuple[str, str]]:
        return frozenset(e.key for e in self.entries)

    def split(self, path: str | Path, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(kept, suppressed) findings of one document."""
        document = self.document_key(path)
        known = self.keys()
        kept, suppressed = [], []
        for finding in findings:
            (suppressed if (document, finding.fingerprint) in known else kept).append(finding)
        return kept, suppressed

    def stale(self, audited: Iterable[str | Path], matched: set[tuple[str, str]]) -> list[Entry]:
        """Entries of the audited documents that matched no finding."""
        documents = {self.document_key(p) for p in audited}
        return [e for e in self.entries if e.document in documents and e.key not in matched]

    def missing_reasons(self) -> int:
        return sum(1 for e in self.entries if not e.reason.strip())


def describe(finding: Finding) -> str:
    where = finding.where.describe() if finding.where else "整个文档"
    return f"{where}：{finding.message}"[:300]


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with `audit baseline write`)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BaselineError(f"{path}: not a readable baseline file ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not an auditor baseline (no \"entries\" list)")
    entries = []
    for i, record in enumerate(data["entries"]):
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in ("fingerprint", "document")):
            raise BaselineError(f"{path}: entry {i + 1} needs string \"fingerprint\" and \"document\"")
        entries.append(Entry(record["fingerprint"], str(record.get("check", "")), record["document"],
                             str(record.get("description", "")), str(record.get("reason", ""))))
    return Baseline(path.parent, tuple(entries))


def render(baseline: Baseline) -> str:
    payload = {
        "tool": "auditor",
        "baseline": FORMAT_VERSION,
        "note": "Known findings, suppressed by `audit --baseline`. Give each entry a reason; "
                "remove entries reported as no longer matching.",
        "entries": [e.to_record() for e in baseline.entries],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def build(target: Path, results: Iterable, previous: Baseline | None = None) -> Baseline:
    """A baseline of every finding in ``results``, keeping reasons people gave before."""
    base = Baseline(target.parent)
    reasons = {e.key: e.reason for e in previous.entries} if previous else {}
    entries = []
    for result in results:
        document = base.document_key(result.path)
        for finding in result.findings:
            key = (document, finding.fingerprint)
            entries.append(Entry(finding.fingerprint, finding.check, document, describe(finding),
                                 reasons.get(key, "")))
    return Baseline(base.root, tuple(entries))


@dataclass(frozen=True)
class Summary:
    """What a run with a baseline reports: the file, findings suppressed, entries gone stale."""

    file: str
    suppressed: int
    stale: tuple[Entry, ...]
    missing_reasons: int

    def to_record(self) -> dict:
        return {"file": self.file, "suppressed": self.suppressed, "missing_reasons": self.missing_reasons,
                "stale": [e.to_record() for e in self.stale]}
