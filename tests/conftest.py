import sys
from pathlib import Path

import pytest

# tests/builders.py and tests/corpus.py are imported by name from every test directory
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SAMPLES  # noqa: E402


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    assert len(SAMPLES) == 5, "the five bundled samples must be in samples/"
    return SAMPLES
