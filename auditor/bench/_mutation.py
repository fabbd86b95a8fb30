"""Mutation testing shared by every check family: change one printed figure at a
time, re-audit, and see whether a finding points at the changed figure.

A mutant is the document with one figure's text altered the way people mistype
numbers: one digit changed, or two adjacent digits swapped. The document is
read once; each mutant is a deep copy with the one cell or sentence edited, so
the mutant goes through the same recognition and checks as a real file.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from auditor.engine import audit_document
from auditor.model import Document, Figure, Location, Severity


@dataclass
class Mutant:
    figure: Figure
    new_text: str
    kind: str  # "digit" or "swap"


@dataclass
class MutationReport:
    total: int = 0
    detected: int = 0
    misses: list[Mutant] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.detected / self.total if self.total else 0.0

    def summary(self, name: str) -> str:
        lines = [f"{name}: {self.detected}/{self.total} mutants detected ({self.rate:.1%})"]
        for m in self.misses:
            lines.append(f"  missed {m.kind}: {m.figure.text!r} → {m.new_text!r} at {m.figure.location.describe()}")
        return "\n".join(lines)


def text_mutants(text: str) -> list[tuple[str, str]]:
    """Deterministic typos of a printed number: the last significant digit +1
    (mod 10), and the first adjacent pair of different digits swapped."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    out = []
    if digits:
        nonzero = [i for i in digits if text[i] != "0"] or digits
        i = nonzero[-1]
        out.append(("digit", text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]))
    for a, b in zip(digits, digits[1:]):
        if b == a + 1 and text[a] != text[b]:
            out.append(("swap", text[:a] + text[b] + text[a] + text[b + 1:]))
            break
    return out


def _replace_figure(doc: Document, figure: Figure, new_text: str) -> Document:
    mutant = copy.deepcopy(doc)
    mutant.__dict__.pop("figures", None)  # cached figures belong to the original
    loc = figure.location
    if loc.is_cell:
        table = next(t for top in mutant.tables for t in top.iter_tables()
                     if (t.part, t.index, t.nested) == (loc.part, loc.table, loc.nested))
        cell = table.cell_at(loc.row, loc.col)
        if loc.start is None:
            cell.text = cell.text.replace(figure.text, new_text, 1)
        else:
            cell.text = cell.text[:loc.start] + new_text + cell.text[loc.end:]
    else:
        paragraph = next(p for p in mutant.paragraphs if (p.part, p.index) == (loc.part, loc.paragraph))
        paragraph.text = paragraph.text[:loc.start] + new_text + paragraph.text[loc.end:]
    return mutant


def points_at(location: Location) -> Callable:
    """A finding detects a mutant when it is a warning or error naming the changed figure."""
    def detected(findings) -> bool:
        return any(f.severity >= Severity.WARNING and any(_same_place(g.location, location) for g in f.figures)
                   for f in findings)
    return detected


def _same_place(a: Location, b: Location) -> bool:
    if a.is_cell or b.is_cell:
        return (a.part, a.table, a.nested, a.row, a.col) == (b.part, b.table, b.nested, b.row, b.col)
    return a.part == b.part and a.paragraph == b.paragraph and a.start is not None and b.start is not None \
        and a.start < (b.end or b.start + 1) and b.start < (a.end or a.start + 1)


def run_mutations(doc: Document, figures: Iterable[Figure], checks: Sequence[type],
                  detected: Callable[[Figure], Callable] = lambda fig: points_at(fig.location)) -> MutationReport:
    """Mutate each figure in turn; a mutant is detected when ``detected(figure)(findings)``."""
    report = MutationReport()
    for figure in figures:
        for kind, new_text in text_mutants(figure.text):
            if re.sub(r"\D", "", new_text) == re.sub(r"\D", "", figure.text):
                continue
            mutant = _replace_figure(doc, figure, new_text)
            findings = audit_document(mutant, checks).findings
            report.total += 1
            if detected(figure)(findings):
                report.detected += 1
            else:
                report.misses.append(Mutant(figure, new_text, kind))
    return report


def take_every(argv: list[str]) -> tuple[int, list[str]]:
    """The benchmarks' ``--every N`` option (mutate every N-th figure), and the remaining arguments."""
    if "--every" not in argv:
        return 1, argv
    i = argv.index("--every")
    return int(argv[i + 1]), argv[:i] + argv[i + 2:]
