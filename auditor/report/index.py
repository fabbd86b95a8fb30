"""The batch index (index.html): every document with its status, findings by
severity, coverage and a link to its report; unreadable files with their reason;
the baseline's suppressed and stale entries. Autoescaped: paths and reasons are untrusted."""

from __future__ import annotations

from collections import Counter
from typing import Sequence
from urllib.parse import quote

from auditor import __version__
from auditor.baseline import Summary
from auditor.engine import AuditResult


def render(results: Sequence[AuditResult], reports: dict[str, str], baseline: Summary | None = None) -> str:
    """``reports`` maps a document's path to its report's file name in the same directory."""
    from auditor.report.html import environment

    totals: Counter[str] = Counter()
    rows = []
    for result in results:
        counts = result.counts()
        totals.update(counts)
        name = reports.get(result.path)
        rows.append({
            "path": result.path,
            "href": quote(name) if name else None,
            "status": result.status,
            "error": result.error,
            "counts": counts,
            "figures": result.figures,
            "checked": result.checked,
            "coverage": f"{result.checked / result.figures:.0%}" if result.figures else "—",
            "suppressed": result.suppressed,
        })
    return environment().get_template("index.html.j2").render(
        rows=rows,
        totals=totals,
        unreadable=sum(1 for r in results if r.status == "error"),
        baseline=baseline,
        version=__version__,
    )
