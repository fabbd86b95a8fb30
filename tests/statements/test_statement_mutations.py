"""Mutation test on the 忻州 sample: a mistyped statement amount is reported at that cell.

The benchmark (``python -m auditor.bench mutations_statements``) runs every amount with
every check; this test takes every 6th amount with the statement and total checks
(the other families can only add detections) to stay quick.
"""

from auditor.bench._mutation import run_mutations
from auditor.bench.mutations_statements import statement_figures
from auditor.extract import read_document
from auditor.registry import select_checks


def test_at_least_98_percent_of_mutants_are_detected_at_their_cell():
    doc = read_document("samples/002_eabaa33cc3394ff7.docx")
    figures = statement_figures(doc)
    report = run_mutations(doc, figures[::6], select_checks(["STM", "SCH", "SUM"]))
    assert report.total >= 100
    assert report.rate >= 0.98, report.summary("002")
