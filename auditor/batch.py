"""Batch runs: expand paths, audit each document (in parallel processes if asked),
apply the configuration's policy and the baseline, and render its HTML report.

Every document goes through the same function, ``audit_one``, whether in this
process (``jobs=1``) or in a worker; results come back in input order, so the
output of ``--jobs N`` is the output of ``--jobs 1``. A document that cannot be
read gives a result with status "error" and its one-line reason; the batch goes on.
"""

from __future__ import annotations

import functools
import gc
import glob
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from auditor.baseline import Baseline
from auditor.config import Config
from auditor.engine import AuditResult
from auditor.extract import SUPPORTED_SUFFIXES
from auditor.findings import Finding
from auditor.model import Severity

GLOB_CHARS = frozenset("*?[")


def _wanted(name: str) -> bool:
    """A document to audit: a supported suffix, not hidden, not a Word lock file (~$name.docx)."""
    return name.lower().endswith(SUPPORTED_SUFFIXES) and not name.startswith((".", "~$"))


def _walk(directory: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(directory):  # symlinked directories are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in sorted(files) if _wanted(f))
    return found


def expand(arguments: Sequence[str | Path]) -> list[Path]:
    """Files as given; directories searched recursively for supported files; globs expanded.

    Order: arguments in order, each directory's or glob's files sorted; duplicates
    dropped. A path that does not exist and matches nothing is kept, so it is
    reported as unreadable rather than silently skipped.
    """
    out: list[Path] = []
    seen: set[str] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files = _walk(path)
        elif not path.exists() and GLOB_CHARS & set(str(argument)):
            matches = sorted(glob.glob(str(argument), recursive=True))
            files = [f for m in matches for f in (_walk(Path(m)) if Path(m).is_dir() else [Path(m)])
                     if f.is_file() and _wanted(f.name)] or [path]
        else:
            files = [path]
        for file in files:
            key = os.path.normcase(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                out.append(file)
    return out


def report_names(paths: Sequence[Path]) -> list[str]:
    """One HTML file name per document: ``<stem>.html``; a stem used twice (or "index",
    taken by the batch index) gets a short hash of its path."""
    stems = [p.stem for p in paths]
    names = []
    for path, stem in zip(paths, stems):
        if stems.count(stem) > 1 or stem.lower() == "index":
            digest = hashlib.sha1(Path(path).as_posix().encode("utf-8")).hexdigest()[:8]
            names.append(f"{stem}-{digest}.html")
        else:
            names.append(f"{stem}.html")
    return names


def apply_policy(findings: Sequence[Finding], config: Config) -> list[Finding]:
    """Severity overrides per check, the absolute tolerance and hiding 尾差 findings."""
    out = []
    for finding in findings:
        gap = abs(finding.difference) if finding.difference is not None else None
        is_rounding = (finding.severity == Severity.INFO and gap and finding.tolerance is not None
                       and gap <= finding.tolerance)
        if is_rounding and config.rounding == "hide":
            continue
        severity = config.severity_for(finding.check) or finding.severity
        if gap is not None and config.absolute_tolerance and gap <= config.absolute_tolerance:
            severity = Severity.INFO
        out.append(finding if severity == finding.severity else replace(finding, severity=severity))
    return out


@dataclass(frozen=True)
class Task:
    path: Path
    checks: tuple[str, ...]  # check ids to run on this document
    html: bool


@dataclass
class Outcome:
    result: AuditResult  # without its Document (not needed past the HTML report)
    html: str | None
    matched: frozenset[tuple[str, str]]  # baseline entries this document matched


_STATE: dict = {}


def _init(config: Config, baseline: Baseline | None) -> None:
    _STATE.update(config=config, baseline=baseline)


@functools.cache  # once per process: a later freeze would also pin whatever a caller has allocated since
def tune_gc() -> None:
    """An audit allocates tens of thousands of short-lived objects per document and keeps
    few: collect the young generation less often (the default threshold, 700, runs a
    collection every few hundred figures), and leave the long-lived objects of the imports
    (compiled patterns, the registry) out of every full collection. Called before workers
    are forked, which inherit it (freezing in a worker would touch every inherited page)."""
    gc.freeze()
    gc.set_threshold(25_000, 10, 10)


def audit_one(task: Task) -> Outcome:
    from auditor.engine import audit_file
    from auditor.registry import available_checks

    config: Config = _STATE["config"]
    baseline: Baseline | None = _STATE["baseline"]
    registry = available_checks()
    try:
        result = audit_file(task.path, [registry[code] for code in task.checks])
    except Exception as err:  # a reader bug on a strange file must not stop the batch
        result = AuditResult(path=str(task.path), status="error",
                             error=f"{task.path}: internal error while reading ({type(err).__name__}: {err})")
    findings = apply_policy(result.findings, config)
    matched: frozenset[tuple[str, str]] = frozenset()
    if baseline is not None:
        findings, suppressed = baseline.split(task.path, findings)
        result.suppressed = len(suppressed)
        matched = frozenset((baseline.document_key(task.path), f.fingerprint) for f in suppressed)
    result.findings = findings
    html = None
    if task.html:
        from auditor.report.html import render

        html = render(result)
    result.document = None
    return Outcome(result, html, matched)


def run(
    paths: Sequence[Path],
    select: Sequence[str],
    ignore: Sequence[str],
    config: Config,
    baseline: Baseline | None = None,
    jobs: int = 1,
    html: bool = True,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Audit ``paths`` in order; ``progress(i)`` is called as document i finishes."""
    from auditor.registry import select_checks

    tasks = []
    for path in paths:
        ignored = [*ignore, *config.ignored_for(path)]
        tasks.append(Task(path, tuple(c.code for c in select_checks(select, ignored)), html))
    jobs = min(jobs or os.cpu_count() or 1, len(tasks)) or 1
    tune_gc()
    if jobs == 1:
        _init(config, baseline)
        outcomes = []
        for i, task in enumerate(tasks):
            outcomes.append(audit_one(task))
            if progress:
                progress(i)
        return outcomes

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork where the platform has it: workers start with the checks already imported
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    results: list[Outcome | None] = [None] * len(tasks)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_init, initargs=(config, baseline)) as pool:
        futures = {pool.submit(audit_one, task): i for i, task in enumerate(tasks)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if progress:
                progress(futures[future])
    return results  # type: ignore[return-value]
