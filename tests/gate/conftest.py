import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # gatekit.py, rawdocx.py

from gatekit import SAMPLES  # noqa: E402


@pytest.fixture
def sample_dir(tmp_path):
    """A folder holding copies of the five samples."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    return folder


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test runs in its own directory, so no configuration file is discovered
    and relative outputs land in tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
