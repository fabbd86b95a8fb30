import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/builders.py

SAMPLES = sorted((ROOT / "samples").glob("*.docx"))


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    assert len(SAMPLES) == 5, "the five bundled samples must be in samples/"
    return SAMPLES


def sample(prefix: str) -> Path:
    return next(p for p in SAMPLES if p.name.startswith(prefix))
