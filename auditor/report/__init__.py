"""Reporters: every output is rendered from the same AuditResult records.

``write_atomic`` is how every report reaches the disk: written to a temporary
file beside the target and renamed over it, so a killed run never leaves a
half-written report.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def coverage_lines(detail: dict[str, dict[str, int]]) -> list[str]:
    """The coverage detail in words, for the terminal and the HTML summary."""
    words = {
        "tables": lambda d: f"表格数字 {d['checked']}/{d['figures']} 参与核对",
        "prose": lambda d: f"文字数字 {d['checked']}/{d['figures']} 参与核对",
        "claims": lambda d: f"文字陈述 {d['found']} 条，已核对 {d['checked']} 条",
        "statements": lambda d: f"标准报表 {d['recognised']} 张（金额 {d['amounts']} 个）"
                                + (f"，{d['unreadable']} 张无法解析" if d["unreadable"] else ""),
        "score_tables": lambda d: f"评分表 {d['tables']} 张，指标 {d['indicators']} 个",
    }
    lines = []
    for name, counts in detail.items():
        try:
            lines.append(words[name](counts))
        except KeyError:  # a metric this list does not know yet: shown as it is
            lines.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return lines
