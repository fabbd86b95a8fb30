"""The bundled real samples, for tests that run on them."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.docx"))


def sample(prefix: str) -> Path:
    return next(p for p in SAMPLES if p.name.startswith(prefix))
