"""The terminal summary (rich): document, coverage, findings by severity, top findings."""

from __future__ import annotations

from typing import Sequence

from auditor.baseline import Summary
from auditor.engine import AuditResult
from auditor.report import coverage_lines
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
        if result.coverage_detail:
            console.print("覆盖 coverage: " + "；".join(coverage_lines(result.coverage_detail)), style="dim")
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


def print_batch(results: Sequence[AuditResult], index: str | None, baseline: Summary | None = None,
                stderr: bool = False) -> None:
    """One line per document, the totals, the unreadable files and the baseline's tally."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(stderr=stderr, highlight=False)
    table = Table(show_header=True, header_style="bold", expand=False)
    for heading in ("文件", "错误", "警告", "提示", "参与核对 cross-checked"):
        table.add_column(heading, justify="left" if heading == "文件" else "right", overflow="fold")
    totals = {s.label: 0 for s in Severity}
    for result in results:
        if result.status == "error":
            table.add_row(result.path, Text("无法读取", style="bold red"), "", "", "")
            continue
        counts = result.counts()
        for label, n in counts.items():
            totals[label] += n
        share = f"{result.checked}/{result.figures}"
        table.add_row(result.path, *(Text(str(counts[s.label]), style=STYLE[s] if counts[s.label] else "")
                                     for s in sorted(Severity, reverse=True)), share)
    console.print(table)
    unreadable = [r for r in results if r.status == "error"]
    line = Text(f"{len(results)} 个文件：")
    for severity in sorted(Severity, reverse=True):
        line.append(f"{LABEL[severity]} {totals[severity.label]}   ", style=STYLE[severity])
    line.append(f"无法读取 unreadable {len(unreadable)}", style="bold red" if unreadable else "")
    console.print(line)
    if baseline is not None:
        console.print(f"基线 baseline {baseline.file}: 已知问题 {baseline.suppressed} 项未计入；"
                      f"{len(baseline.stale)} 项已不再出现（请从基线中删除）")
        for entry in baseline.stale[:TOP]:
            console.print(f"  – {entry.document} {entry.check} {entry.fingerprint} {entry.description}")
        if baseline.missing_reasons:
            console.print(Text(f"  {baseline.missing_reasons} 项基线条目没有填写 reason（原因）", style="yellow"))
    if index:
        console.print(f"总览 index: {index}")
