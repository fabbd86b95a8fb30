"""The relations of every statement check, evaluated once per document, and the
single-figure repair hint they share.

A statement check declares its relations (``relations(book)``): equalities
(stated = Σ ±parts) and bounds (Σ parts ≤ stated). The ledger gathers the
relations of *all* statement checks, so that a finding can say which single
cell, if changed, would restore every broken identity around it: the broken
equalities connected to the finding through shared cells are solved for each
cell they all share, and a cell qualifies when one value satisfies all of them
and breaks no relation that holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from operator import itemgetter
from typing import ClassVar, Iterable, Iterator

from auditor.findings import (
    Checked,
    Finding,
    describe_gap,
    severity_for,
    sum_arithmetic,
)
from auditor.memo import once_per
from auditor.model import Document, Figure, Location, Severity
from auditor.numbers import format_amount, unit_scale
from auditor.registry import Check
from auditor.rounding import (
    ZERO,
    Outcome,
    Verdict,
    compare,
    is_exact,
    quantity,
    round_half_up,
    total,
)
from auditor.statements import Book, Line, Statement, book, is_blank

MAX_CLUSTER = 40  # broken equalities considered together for one hint
MAX_NAMED = 12  # contributing rows named in a message (the arithmetic always lists every figure)


@dataclass(eq=False, slots=True)  # not frozen: built by the hundred per document, and never changed
class Relation:
    code: str  # the check that reports it
    stated: Figure
    parts: tuple[tuple[int, Figure], ...]
    stated_label: str
    expected_label: str
    key: tuple  # relation key: one finding per broken relation across checks
    context: str = ""
    bound: bool = False  # Σ parts ≤ stated instead of =
    severity: Severity | None = None
    same: bool = False  # the one part is the same quantity printed elsewhere: no rounding between them
    figures: tuple[Figure, ...] = field(init=False)  # the stated figure, then the parts

    def __post_init__(self) -> None:
        self.figures = (self.stated, *map(_FIGURE, self.parts))

    def substituted(self, where: Location, figure: Figure) -> "Relation":
        swap = lambda f: figure if f.location == where else f  # noqa: E731
        return replace(self, stated=swap(self.stated), parts=tuple((s, swap(f)) for s, f in self.parts))


_FIGURE = itemgetter(1)  # of a (sign, figure) part


def equal(code: str, stated: Figure | None, parts: Iterable[tuple[int, Figure | None]], stated_label: str,
          expected_label: str, key: tuple, context: str = "", severity: Severity | None = None,
          same: bool = False) -> Relation | None:
    """stated = Σ sign·part; None when a cell could not be read (the schema reports it) or
    when every cell is blank (nothing printed, nothing to verify).
    ``same``: stated and the single part are one quantity printed twice (a total copied to
    another table): printed alike they were rounded alike, so any difference is real."""
    parts = tuple(parts)
    if not _verifiable(stated, parts):
        return None
    return Relation(code, stated, parts, stated_label, expected_label, key, context, False, severity, same)


def at_most(code: str, whole: Figure | None, parts: Iterable[Figure | None], whole_label: str, parts_label: str,
            key: tuple, context: str = "", severity: Severity | None = None) -> Relation | None:
    """Σ parts ≤ whole (None like ``equal``)."""
    parts = tuple((1, f) for f in parts)
    if not _verifiable(whole, parts):
        return None
    return Relation(code, whole, parts, whole_label, parts_label, key, context, True, severity)


def _verifiable(stated: Figure | None, parts: tuple[tuple[int, Figure | None], ...]) -> bool:
    """Every cell read as a number, and at least one of them printed (not all blank)."""
    if stated is None or not parts:
        return False
    printed = stated.text != ""
    for _, figure in parts:
        if figure is None:
            return False
        if figure.text:
            printed = True
    return printed


def sum_of_rows(code: str, statement: Statement, total_line: Line, lines: list[Line], keys: Iterable[str],
                expected_label: str) -> Iterator[Relation]:
    """total_line = Σ lines in each amount column both carry; the message names the rows."""
    names = [line.code or line.label for line in lines if not line.is_empty()]  # blank rows add nothing
    if len(names) <= MAX_NAMED:
        expected_label = f"{expected_label}（{'、'.join(names)}）"
    title, context = total_line.title, statement.where + "："
    for key in keys:
        stated = total_line.amounts.get(key)
        if stated is None:  # not a column of the total line, or not a number there
            continue
        parts = [(1, line.amounts[key]) for line in lines if key in line.amounts]
        rel = equal(code, stated, parts, f"「{title}」{key}", expected_label, ("sum-of-rows", stated.location), context)
        if rel is not None:
            yield rel


def evaluate(rel: Relation) -> Verdict:
    if rel.same and len(rel.parts) == 1 and _printed_alike(rel.stated, rel.parts[0][1]):
        other = rel.parts[0][1]
        outcome = Outcome.HOLDS if rel.stated.value == other.value else Outcome.MISMATCH
        return Verdict(outcome, rel.stated.value, other.value, rel.stated.value - other.value, Decimal(0),
                       rel.stated.decimals)
    expected = total(rel.parts)
    if not rel.bound:
        return compare(rel.stated, expected)
    stated = quantity(rel.stated)
    scale = unit_scale(rel.stated.unit)
    printed = round_half_up(expected.point / scale, rel.stated.decimals)
    outcome = Outcome.HOLDS if expected.lo <= stated.hi else Outcome.MISMATCH
    return Verdict(outcome, rel.stated.value, printed, rel.stated.value - printed,
                   ((stated.half_width + expected.half_width) / scale).normalize(), rel.stated.decimals)


def holds_exactly(rel: Relation) -> bool:
    """Whether ``rel`` holds among figures that are all exact (元 to the fen): no rounding is
    involved, so the printed values decide. Most relations of a consistent statement are such;
    only the others need ``evaluate`` (intervals, tolerance, the numbers a finding shows)."""
    stated = rel.stated
    if stated.unit != "元" or not is_exact(stated):
        return False
    expected = ZERO
    for sign, figure in rel.parts:
        if figure.unit != "元" or not is_exact(figure):
            return False
        expected = expected + figure.value if sign == 1 else expected + sign * figure.value
    return expected <= stated.value if rel.bound else expected == stated.value


def _printed_alike(a: Figure, b: Figure) -> bool:
    return a.unit == b.unit and (a.decimals == b.decimals or is_blank(a) or is_blank(b))


def _describe(fig: Figure) -> str:
    return f"{fig.location.describe()}（现为 {fig.text or '空白'}）"


class Ledger:
    def __init__(self, doc: Document):
        self.book: Book = book(doc)
        self.relations: list[Relation] = []
        self.of_check: dict[str, list[Relation]] = {}  # check code → the relations it reports, in order
        for cls in _statement_checks():
            for rel in cls.relations(self.book):
                if rel is not None:
                    self.relations.append(rel)
                    self.of_check.setdefault(rel.code, []).append(rel)
        # None: the relation holds exactly (no finding, nothing more to compute)
        self.verdicts = {id(r): None if holds_exactly(r) else evaluate(r) for r in self.relations}
        self.touching: dict[Location, list[Relation]] = {}
        for rel in self.relations:
            for fig in rel.figures:
                self.touching.setdefault(fig.location, []).append(rel)

    def broken(self, rel: Relation) -> bool:
        verdict = self.verdicts[id(rel)]
        return verdict is not None and verdict.outcome is Outcome.MISMATCH

    def report(self, check: "StatementCheck") -> Iterator[Finding | Checked]:
        for rel in self.of_check.get(check.code, ()):
            verdict = self.verdicts[id(rel)]
            level = None if verdict is None else severity_for(verdict, rel.severity or check.severity)
            if level is None or (rel.bound and verdict.outcome is not Outcome.MISMATCH):
                yield Checked(rel.figures, relation=rel.key)
                continue
            if rel.bound:
                message = (f"{rel.expected_label} {format_amount(verdict.expected, verdict.decimals)}"
                           f" 超过 {rel.stated_label} {format_amount(verdict.stated, verdict.decimals)}，"
                           f"多 {format_amount(-verdict.difference, verdict.decimals)}（前者应不大于后者）")
            else:
                label = rel.stated_label + ("（空白）" if is_blank(rel.stated) else "")
                message = describe_gap(label, rel.expected_label, verdict)
            if level >= Severity.WARNING and not rel.bound:
                message += self.hint(rel)
            yield check.finding(
                rel.context + message, severity=level, figures=rel.figures,
                stated=verdict.stated, expected=verdict.expected, difference=verdict.difference,
                tolerance=verdict.tolerance,
                arithmetic=sum_arithmetic([(sign, f._replace(text=f.text or "0")) for sign, f in rel.parts],
                                          verdict.expected, verdict.decimals),
                relation=rel.key,
                location=rel.parts[0][1].location if rel.bound else None,  # the part that is too large
            )

    def _cluster(self, start: Relation) -> list[Relation]:
        """Broken equalities connected to ``start`` through shared cells."""
        seen, queue, out = {id(start)}, [start], []
        while queue and len(out) < MAX_CLUSTER:
            rel = queue.pop()
            out.append(rel)
            for fig in rel.figures:
                for other in self.touching.get(fig.location, ()):
                    if id(other) not in seen and not other.bound and self.broken(other):
                        seen.add(id(other))
                        queue.append(other)
        return out

    def _solve(self, rel: Relation, fig: Figure) -> Decimal | None:
        """The printed value of ``fig`` that makes ``rel`` exact, or None."""
        coefficient = (1 if rel.stated.location == fig.location else 0) - sum(
            s for s, f in rel.parts if f.location == fig.location)
        if coefficient == 0:
            return None
        residual = quantity(rel.stated).point - total(rel.parts).point
        delta = -residual / coefficient / unit_scale(fig.unit)
        return round_half_up(fig.value + delta, max(fig.decimals, 2 if is_blank(fig) else fig.decimals))

    def hint(self, rel: Relation) -> str:
        cluster = self._cluster(rel)
        common = set.intersection(*({f.location for f in r.figures} for r in cluster))
        fixes = []
        for fig in sorted({f.location: f for r in cluster for f in r.figures if f.location in common}.values(),
                          key=lambda f: f.location.sort_key()):
            value = self._solve(rel, fig)
            if value is None or value < 0:
                continue
            text = format_amount(value, fig.decimals if fig.text else 2).replace(",", "")
            fixed = fig._replace(value=value, text=text)
            if all(evaluate(r.substituted(fig.location, fixed)).outcome is not Outcome.MISMATCH
                   for r in self.touching.get(fig.location, ())):
                fixes.append((fig, value))
        if len(fixes) == 1:
            fig, value = fixes[0]
            return (f"。只需改正一个数即可使相关的{len(cluster)}处勾稽关系全部成立：{_describe(fig)}"
                    f"应为 {format_amount(value, fig.decimals if fig.text else 2)}")
        if 1 < len(fixes) <= 3:
            return "。改正以下任一单元格均可使其成立：" + "；".join(
                f"{_describe(f)}应为 {format_amount(v, f.decimals if f.text else 2)}" for f, v in fixes)
        return ""


_imported = False


def _statement_checks() -> list[type["StatementCheck"]]:
    """Every statement check, whichever were selected: the hint needs all relations."""
    global _imported
    if not _imported:  # the package is walked once per process, not per document
        import importlib
        import pkgutil

        import checks.statements as package

        for module in pkgutil.iter_modules(package.__path__):
            if not module.name.startswith("_"):
                importlib.import_module(f"{package.__name__}.{module.name}")
        _imported = True
    return sorted(StatementCheck.__subclasses__(), key=lambda c: c.code)


@once_per
def ledger(doc: Document) -> Ledger:
    return Ledger(doc)


class StatementCheck(Check):
    """Base of the checks whose relations live in the ledger (not itself registered)."""

    priority: ClassVar[int] = 1  # outranks the generic SUM001/SUM002 on the same total

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        raise NotImplementedError

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        return ledger(doc).report(self)
