"""Every registered check is documented like ruff's rules, and the README lists it."""

import re
from pathlib import Path

import pytest

from auditor.model import Severity
from auditor.registry import CODE, available_checks

CHECKS = available_checks()
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_check_has_an_id_a_title_and_a_documented_example(code):
    cls = CHECKS[code]
    assert CODE.match(code) and cls.code == code
    assert isinstance(cls.severity, Severity)
    title = cls.title()
    assert title and re.search(r"[\u4e00-\u9fff]", title), "the title is one Chinese line"
    doc = cls.doc()
    assert re.search(r"\bWhy\b", doc), f"{code}: the docstring says why it matters"
    assert re.search(r"example", doc, re.IGNORECASE), f"{code}: the docstring gives a failing example"


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_readme_lists_the_check(code):
    assert f"| {code} |" in README, f"{code} is missing from the README's list of checks"


def test_codes_are_unique_per_class():
    assert len({cls for cls in CHECKS.values()}) == len(CHECKS)
