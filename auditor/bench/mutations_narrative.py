"""Mutation benchmark of the narrative checks:
``python -m auditor.bench mutations_narrative [FILE…] [--every N] [--all]``.

Every percentage and amount taking part in a resolved claim of the prose (share,
completion rate, year-on-year change, breakdown; ``auditor.claims.claim_figures``)
is mistyped in turn (one digit changed, two adjacent digits swapped:
``auditor.bench._mutation.text_mutants``); a mutant is detected when an error or
warning of the narrative checks names the changed figure (``--all``: of any check,
as in a full audit; much slower). Prints, per file, the claim coverage (claims
found / claims resolved / prose figures that took part in a check), the detection
rate and the misses; then the total.
"""

from __future__ import annotations

import glob
import time

DEFAULT = sorted(glob.glob("samples/*.docx"))


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
    overall = MutationReport()
    for path in argv or DEFAULT:
        doc = read_document(path)
        found, resolved = coverage(doc)
        touched = {fig.location for c in checks for item in c().run(doc) if isinstance(item, Checked)
                   for fig in item.figures}
        touched |= {fig.location for f in audit_document(doc, checks).findings for fig in f.figures}
        prose = [f for f in doc.figures if f.location.start is not None]
        checked = sum(1 for f in prose if f.location in touched)
        print(f"{path}: claims found {found}, resolved {resolved}; prose figures checked {checked}/{len(prose)}")
        figures = claim_figures(doc)[::every]
        start = time.perf_counter()
        report = run_mutations(doc, figures, mutated_with)
        print(report.summary(path))
        print(f"  {len(figures)} figures, {time.perf_counter() - start:.1f} s")
        overall.total += report.total
        overall.detected += report.detected
    print(f"TOTAL: {overall.detected}/{overall.total} mutants detected ({overall.rate:.1%})")
    return 0
