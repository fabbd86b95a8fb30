"""The HTML discrepancy report: one self-contained file, readable offline.

The view is built here from the AuditResult; the jinja2 template only lays it
out. Autoescaping is on for every value: document text is untrusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from auditor import __version__
from auditor.engine import AuditResult
from auditor.report import coverage_lines
from auditor.findings import Finding
from auditor.model import Document, Location, Paragraph, Severity, Table
from auditor.numbers import format_amount

SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass
class CellView:
    text: str
    rowspan: int
    colspan: int
    classes: str = ""
    note: str = ""


@dataclass
class Group:
    key: tuple
    heading: str
    section: str
    findings: list[Finding] = field(default_factory=list)
    rows: list[list[CellView]] = field(default_factory=list)  # a table's grid
    segments: list[tuple[str, str]] = field(default_factory=list)  # a sentence: (text, css class)

    @property
    def worst(self) -> str:
        return max(f.severity for f in self.findings).label


def _group_key(loc: Location | None) -> tuple:
    if loc is None:
        return ("document",)
    if loc.is_cell:
        return ("table", loc.part, loc.table, loc.nested)
    return ("paragraph", loc.part, loc.paragraph)


def _mark_class(findings: list[Finding], loc: Location) -> str:
    """"stated-error" for the figure a finding disputes, "involved" for the others."""
    classes = set()
    for f in findings:
        for i, fig in enumerate(f.figures):
            if (fig.location.row, fig.location.col, fig.location.start) == (loc.row, loc.col, loc.start) or (
                not loc.is_cell and fig.location == loc
            ):
                classes.add(f"stated-{f.severity.label}" if i == 0 else "involved")
    for severity in ("error", "warning", "info"):
        if f"stated-{severity}" in classes:
            return f"stated-{severity}"
    return "involved" if classes else ""


def _table_rows(table: Table, findings: list[Finding]) -> list[list[CellView]]:
    """The table's grid with the involved cells marked; one pass over the findings'
    figures, so a table of 20,000 rows with one big finding stays linear."""
    key = ("table", table.part, table.index, table.nested)
    notes: dict[tuple[int, int], list[str]] = {}
    marks: dict[tuple[int, int], set[str]] = {}
    for f in findings:
        for i, fig in enumerate(f.figures):
            loc = fig.location
            if _group_key(loc) != key:
                continue
            notes.setdefault((loc.row, loc.col), []).append(f"{f.check}: {f.message}")
            if loc.start is None:  # a figure that is the whole cell (not a number inside its text)
                marks.setdefault((loc.row, loc.col), set()).add(f"stated-{f.severity.label}" if i == 0 else "involved")
    rows = []
    for r in range(table.n_rows):
        row = []
        for cell in table.row_origins(r):
            found = marks.get((cell.row, cell.col), set())
            classes = next((f"stated-{s}" for s in ("error", "warning", "info") if f"stated-{s}" in found),
                           "involved" if found else "")
            row.append(CellView(cell.text, cell.row_span, cell.col_span, classes,
                                "\n".join(notes.get((cell.row, cell.col), []))))
        rows.append(row)
    return rows


def _segments(paragraph: Paragraph, findings: list[Finding]) -> list[tuple[str, str]]:
    spans = {}
    for f in findings:
        for fig in f.figures:
            loc = fig.location
            if not loc.is_cell and (loc.part, loc.paragraph) == (paragraph.part, paragraph.index) and loc.start is not None:
                spans[(loc.start, loc.end)] = _mark_class(findings, loc)
    out, pos = [], 0
    for (start, end), css in sorted(spans.items()):
        if start < pos:
            continue
        out.append((paragraph.text[pos:start], ""))
        out.append((paragraph.text[start:end], css or "involved"))
        pos = end
    out.append((paragraph.text[pos:], ""))
    return out


def build_groups(result: AuditResult) -> list[Group]:
    doc: Document | None = result.document
    tables = {(t.part, t.index, t.nested): t for top in doc.tables for t in top.iter_tables()} if doc else {}
    paragraphs = {(p.part, p.index): p for p in doc.paragraphs} if doc else {}
    groups: dict[tuple, Group] = {}
    for finding in result.findings:
        key = _group_key(finding.where)
        if key not in groups:
            groups[key] = Group(key, heading="整个文档", section="")
            if key[0] == "table" and key[1:] in tables:
                table = tables[key[1:]]
                groups[key].heading = f"{table.location().describe()}「{table.title}」"
                groups[key].section = table.section
            elif key[0] == "paragraph" and key[1:] in paragraphs:
                groups[key].heading = finding.where.describe()
                groups[key].section = paragraphs[key[1:]].section
        groups[key].findings.append(finding)
    for key, group in groups.items():
        if key[0] == "table" and key[1:] in tables:
            group.rows = _table_rows(tables[key[1:]], group.findings)
        elif key[0] == "paragraph" and key[1:] in paragraphs:
            group.segments = _segments(paragraphs[key[1:]], group.findings)
    return list(groups.values())


@lru_cache(maxsize=1)
def environment():
    """The jinja2 environment of every report, built once: compiling the template costs more than rendering."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("auditor", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["amount"] = lambda value, decimals=2: format_amount(value, decimals) if value is not None else "—"
    return env


def render(result: AuditResult) -> str:
    from auditor.registry import available_checks

    checks = available_checks()
    template = environment().get_template("report.html.j2")
    return template.render(
        result=result,
        name=Path(result.path).name,
        groups=build_groups(result),
        counts=result.counts(),
        coverage=(result.checked / result.figures) if result.figures else None,
        coverage_detail=coverage_lines(result.coverage_detail),
        titles={code: cls.title() for code, cls in checks.items()},
        checks_run=[(code, checks[code].title()) for code in result.checks_run if code in checks],
        severity_zh={s.label: SEVERITY_ZH[s] for s in Severity},
        version=__version__,
    )
