"""Helpers shared by the gate tests (a module of its own: "conftest" is ambiguous across test folders)."""

from pathlib import Path

from click.testing import CliRunner

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.docx"))


def audit(*args, env=None):
    """Run `audit ARGS…` in-process; returns click's Result (stdout, stderr, exit_code)."""
    from auditor.cli import main

    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)
