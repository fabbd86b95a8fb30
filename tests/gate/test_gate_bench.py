"""The throughput benchmark runs end to end (tiny batch) and prints every figure it promises."""

import re

from auditor.bench.throughput import main, walk_docx
from gatekit import SAMPLES


def test_the_lxml_floor_reads_the_text():
    assert walk_docx(SAMPLES[0]) > 1000


def test_throughput_prints_audit_and_floor_figures(capsys):
    assert main(["--docs", "6", "--jobs", "2", "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    for label in ("cold, one document", "warm, per document", "warm, text caches emptied",
                  "batch --jobs 1", "batch --jobs 2",
                  "CPU per document --jobs 2", "peak memory --jobs 2"):
        assert label in out, label
    batch = re.search(r"batch --jobs 2 \(docs/s, wall\)\s+([\d.]+) /s\s+([\d.]+) /s\s+([\d.]+)×", out)
    assert batch and float(batch.group(1)) > 0 and float(batch.group(2)) > 0


def test_the_text_caches_found_are_those_of_auditor():
    from auditor.bench.throughput import _text_caches
    from auditor.numbers import parse_cell

    caches = _text_caches()
    assert parse_cell in caches
    assert all(c.__module__.startswith(("auditor", "checks")) for c in caches)
