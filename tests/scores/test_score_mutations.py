"""Mutation test (also ``python -m auditor.bench mutations_scores``): mistype one
recognised weight or score at a time in the samples; an error or warning must
name it. The test takes every 8th figure of each sample (deterministic) to stay
quick; the benchmark runs them all."""

from pathlib import Path

from auditor.bench.mutations_scores import mutate_file, score_figures
from auditor.extract import read_document

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.docx"))


def test_recognised_scores_include_tables_funds_prose_and_surveys():
    doc = read_document(next(p for p in SAMPLES if p.name.startswith("003")))
    figures = score_figures(doc)
    kinds = {("cell" if f.location.is_cell else "prose") for f in figures}
    assert kinds == {"cell", "prose"} and len(figures) > 150


def test_at_least_95_percent_of_mutants_are_detected():
    total = detected = 0
    misses = []
    for path in SAMPLES:
        report = mutate_file(path, every=8)
        total += report.total
        detected += report.detected
        misses += [f"{path.name[:3]} {m.figure.text}→{m.new_text} {m.figure.location.describe()}" for m in report.misses]
    assert total > 100
    assert detected / total >= 0.95, misses
