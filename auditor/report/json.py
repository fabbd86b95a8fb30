"""JSON output: one object for the run, one record per document (schema in README)."""

from __future__ import annotations

import json
from typing import Sequence

from auditor import __version__
from auditor.baseline import Summary
from auditor.engine import AuditResult

SCHEMA_VERSION = 1


def render(results: Sequence[AuditResult], baseline: Summary | None = None) -> str:
    payload = {
        "tool": "auditor",
        "version": __version__,
        "schema": SCHEMA_VERSION,
        "documents": [r.to_record() for r in results],
    }
    if baseline is not None:
        payload["baseline"] = baseline.to_record()
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
