"""The terminal summary (rich): document, coverage, findings by severity, top findings."""

from __future__ import annotations

from typing import Sequence

from auditor.engine import AuditResult
from auditor.model import Severity

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
LABEL = {Severity.ERROR: "错误 error", Severity.WARNING: "警告 warning", Severity.INFO: "提示 info"}
TOP = 8


def print_summary(results: Sequence[AuditResult], reports: dict[str, str], stderr: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(stderr=stderr, highlight=False)
    for result in results:
        console.rule(Text(result.path, style="bold"))
        if result.status == "error":
            console.print(Text(f"无法读取：{result.error}", style="bold red"))
            continue
        share = f"{result.checked / result.figures:.0%}" if result.figures else "—"
        counts = result.counts()
        console.print(
            f"数字 figures: {result.figures}   参与核对 cross-checked: {result.checked} ({share})   "
            f"检查项 checks: {len(result.checks_run)}   用时 {result.seconds * 1000:.0f} ms"
        )
        line = Text()
        for severity in sorted(Severity, reverse=True):
            line.append(f"{LABEL[severity]}: {counts[severity.label]}   ", style=STYLE[severity])
        console.print(line)
        ranked = sorted(result.findings, key=lambda f: -f.severity)[:TOP]
        if ranked:
            table = Table(show_header=True, header_style="bold", expand=True)
            table.add_column("级别", no_wrap=True)
            table.add_column("检查", no_wrap=True)
            table.add_column("位置", no_wrap=True)
            table.add_column("问题")
            for f in ranked:
                table.add_row(Text(f.severity.label, style=STYLE[f.severity]), f.check,
                              f.where.describe() if f.where else "", f.message)
            console.print(table)
            if len(result.findings) > TOP:
                console.print(f"… 另有 {len(result.findings) - TOP} 项，见报告")
        if result.path in reports:
            console.print(f"报告 report: {reports[result.path]}")
