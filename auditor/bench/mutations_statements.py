"""Mutation benchmark of the statement checks: ``python -m auditor.bench mutations_statements [FILE…] [--every N]``.

Every printed amount of every recognised statement is mistyped in turn (one digit
changed, two adjacent digits swapped: ``auditor.bench._mutation.text_mutants``);
a mutant is detected when an error or warning names the changed cell. Prints the
detection rate, the misses, and the statement coverage (share of amounts that
take part in at least one check) per file.
"""

from __future__ import annotations

import time

DEFAULT = ["samples/002_eabaa33cc3394ff7.docx"]


def statement_figures(doc) -> list:
    """The document's figures that are printed amounts of recognised statements."""
    from auditor.statements import book

    cells = {f.location for s in book(doc).statements for f in s.figures()}
    return [f for f in doc.figures if f.location in cells]


def coverage(doc) -> tuple[int, int]:
    """(amounts in recognised statements, those that take part in at least one statement relation)."""
    from checks.statements._ledger import ledger

    figures = statement_figures(doc)
    touched = ledger(doc).touching
    return len(figures), sum(1 for f in figures if f.location in touched)


def main(argv: list[str]) -> int:
    from auditor.bench._mutation import run_mutations, take_every
    from auditor.extract import read_document
    from auditor.registry import select_checks

    every, argv = take_every(argv)
    checks = select_checks()
    for path in argv or DEFAULT:
        doc = read_document(path)
        total, covered = coverage(doc)
        print(f"{path}: coverage {covered}/{total} statement amounts take part in a check "
              f"({covered / total:.1%})" if total else f"{path}: no statement amounts")
        start = time.perf_counter()
        report = run_mutations(doc, statement_figures(doc)[::every], checks)
        print(report.summary(path))
        print(f"  {time.perf_counter() - start:.1f} s")
    return 0
