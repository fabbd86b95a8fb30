"""Mutation test: mistype one percentage or amount of a resolved claim in a real sample
and expect a narrative error or warning naming it (a deterministic sample of the
figures; ``python -m auditor.bench mutations_narrative`` runs them all)."""

from auditor.bench._mutation import run_mutations
from auditor.claims import claim_figures
from auditor.extract import read_document
from auditor.registry import select_checks
from corpus import sample


def test_mistyped_claim_figures_are_detected():
    checks = select_checks(["NAR"])
    detected = total = 0
    misses = []
    for prefix, every in (("001", 4), ("002", 6), ("003", 8)):
        doc = read_document(sample(prefix))
        report = run_mutations(doc, claim_figures(doc)[::every], checks)
        detected += report.detected
        total += report.total
        misses += report.misses
    assert total > 100
    # the misses are mistypes the rounding rule cannot tell apart (0.01万元 in a sum of
    # 万元 amounts or in a ratio of four significant digits), partial 其中 lists and
    # rates printed without decimals; the benchmark lists them (88% over all, measured)
    assert detected / total >= 0.85, [f"{m.figure.text}→{m.new_text}" for m in misses]
