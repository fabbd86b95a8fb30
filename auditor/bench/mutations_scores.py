"""Mutation benchmark for the score checks (PRF…).

Every weight and score the score family recognises in the samples — 分值/得分
cells, weights written into labels, totals, funds-block 分值/得分, survey
分值/人数/总分, and the scores stated in prose (group totals, the sub-scores
listed before them, overall scores) — is mistyped in turn (one digit changed,
two adjacent digits swapped, via ``auditor.bench._mutation``); a mutant counts as
detected when an error or warning names the changed figure.

usage: python -m auditor.bench mutations_scores [--every N] [FILE…]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from auditor.bench._mutation import MutationReport, run_mutations, take_every
from auditor.extract import read_document
from auditor.model import Document, Figure

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def score_figures(doc: Document) -> list[Figure]:
    """The recognised weights and scores of a document, each place once, in order."""
    from auditor.scores.forms import score_forms
    from auditor.scores.prose import prose_totals
    from auditor.scores.survey import surveys

    found: list[Figure] = []
    for form in score_forms(doc):
        found += form.figures()
    for total in prose_totals(doc):
        found += [f for f in (total.weight, total.score) if f] + (total.parts if len(total.parts) > 1 else [])
    for survey in surveys(doc):
        found += [f for q in survey.questions for o in q.options for f in (o.value, o.count)]
        found += [f for f in (survey.valid, survey.total, survey.full_marks, survey.average) if f]
    unique = {}
    for figure in found:
        unique.setdefault(figure.location, figure)
    return sorted(unique.values(), key=lambda f: f.location.sort_key())


def coverage(doc: Document) -> str:
    """What was recognised and how many of its figures took part in a check."""
    from auditor.engine import audit_document
    from auditor.scores.forms import score_forms
    from auditor.scores.prose import prose_totals
    from auditor.scores.survey import surveys
    from checks.scores._load import score_checks

    forms = score_forms(doc)
    touched = set()
    for check in score_checks():
        for item in check().run(doc):
            touched.update(f.location for f in item.figures)
    figures = score_figures(doc)
    checked = sum(1 for f in figures if f.location in touched)
    findings = audit_document(doc, score_checks()).counts()
    return (f"{len(forms)} score tables, {sum(len(f.leaves()) for f in forms)} indicators, "
            f"{sum(len(f.funds.rows) for f in forms)} funds rows, {len(prose_totals(doc))} prose scores, "
            f"{len(surveys(doc))} surveys; {checked}/{len(figures)} score figures checked; findings {findings}")


def mutate_file(path: Path, every: int = 1) -> MutationReport:
    from checks.scores._load import score_checks

    doc = read_document(path)
    figures = score_figures(doc)[::every]
    return run_mutations(doc, figures, score_checks())


def main(argv: list[str]) -> int:
    every, argv = take_every(argv)
    paths = [Path(a) for a in argv] or sorted(SAMPLES.glob("*.docx"))
    overall = MutationReport()
    for path in paths:
        start = time.perf_counter()
        print(f"{path.name}: {coverage(read_document(path))}")
        report = mutate_file(path, every)
        print(report.summary(path.name) + f"  [{time.perf_counter() - start:.1f} s]")
        overall.total += report.total
        overall.detected += report.detected
        overall.misses += report.misses
    print(f"ALL: {overall.detected}/{overall.total} mutants detected ({overall.rate:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
