"""Mutation benchmark of the narrative checks:
``python -m auditor.bench mutations_narrative [FILE…] [--every N] [--all]``.

Every figure taking part in a resolved claim of the prose (share, completion rate,
year-on-year change, breakdown, balance; ``auditor.claims.claim_figures``) is mistyped
in turn (one digit changed, two adjacent digits swapped:
``auditor.bench._mutation.text_mutants``); a mutant is detected when an error or
warning of the narrative checks names the changed figure (``--all``: of any check,
as in a full audit; much slower). Two measures are printed: percentages and money
amounts (what the narrative issue asks ≥ 95% of), and counts (人, 件, 个 …), which are
claims too. Prints, per file, the claim coverage (claims found / claims resolved /
prose figures that took part in a check), the detection rates and the misses; then the
totals.
"""

from __future__ import annotations

import glob
import time

DEFAULT = sorted(glob.glob("samples/*.docx"))
MEASURES = ("percentages and amounts", "counts")


def by_measure(figures: list) -> dict[str, list]:
    """Claim figures split into percentages and money amounts, and counts."""
    from auditor.numbers import AMOUNT_UNITS

    money = [f for f in figures if f.unit in AMOUNT_UNITS or f.unit == "%"]
    return {MEASURES[0]: money, MEASURES[1]: [f for f in figures if f not in money]}


def main(argv: list[str]) -> int:
    from auditor.bench._mutation import MutationReport, run_mutations, take_every
    from auditor.claims import claim_figures, coverage
    from auditor.engine import audit_document
    from auditor.extract import read_document
    from auditor.findings import Checked
    from auditor.registry import select_checks

    every, argv = take_every(argv)
    checks = select_checks(["NAR"])
    mutated_with = checks
    if "--all" in argv:
        argv = [a for a in argv if a != "--all"]
        mutated_with = select_checks()
    overall = {measure: MutationReport() for measure in MEASURES}
    for path in argv or DEFAULT:
        doc = read_document(path)
        found, resolved = coverage(doc)
        touched = {fig.location for c in checks for item in c().run(doc) if isinstance(item, Checked)
                   for fig in item.figures}
        touched |= {fig.location for f in audit_document(doc, checks).findings for fig in f.figures}
        prose = [f for f in doc.figures if f.location.start is not None]
        checked = sum(1 for f in prose if f.location in touched)
        print(f"{path}: claims found {found}, resolved {resolved}; prose figures checked {checked}/{len(prose)}")
        for measure, figures in by_measure(claim_figures(doc)[::every]).items():
            start = time.perf_counter()
            report = run_mutations(doc, figures, mutated_with)
            print(report.summary(f"  {measure}"))
            print(f"  {len(figures)} figures, {time.perf_counter() - start:.1f} s")
            overall[measure].total += report.total
            overall[measure].detected += report.detected
    for measure, report in overall.items():
        print(f"TOTAL {measure}: {report.detected}/{report.total} mutants detected ({report.rate:.1%})")
    both = sum(r.detected for r in overall.values()), sum(r.total for r in overall.values())
    print(f"TOTAL all claim figures: {both[0]}/{both[1]} mutants detected ({both[0] / max(both[1], 1):.1%})")
    return 0
