"""The check registry: every check is a small class with an id, a title and a doc.

A check's docstring is its documentation: the first line is the title shown by
``audit checks``; the rest says what it checks, why it matters and gives a
failing example. Checks register with ``@register`` when their module is
imported; ``available_checks()`` imports the library lazily (``checks.load``),
so ``audit --help`` never pays for it.

Selection follows flake8: ``--select``/``--ignore`` take id prefixes and, when a
check matches both, the longer (more specific) prefix wins.
"""

from __future__ import annotations

import inspect
import re
from functools import lru_cache
from typing import Callable, ClassVar, Iterable, Sequence

from auditor.findings import Checked, Finding
from auditor.model import Document, Severity

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_REGISTRY: dict[str, type["Check"]] = {}
# Coverage a check family can report beyond figures (claims found/checked, score
# tables read): name → function of the Document returning counts.
_METRICS: dict[str, Callable[[Document], dict[str, int]]] = {}


class Check:
    code: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    # When two checks report the same broken relation, the engine keeps the one
    # with the higher priority: specific statement checks outrank generic ones.
    priority: ClassVar[int] = 0

    @classmethod
    def title(cls) -> str:
        return _doc(cls).splitlines()[0].strip()

    @classmethod
    def doc(cls) -> str:
        return _doc(cls)

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        raise NotImplementedError

    def finding(self, message: str, severity: Severity | None = None, **fields) -> Finding:
        return Finding(check=self.code, severity=severity or self.severity, message=message, **fields)


@lru_cache(maxsize=None)  # reports name a finding's check once per finding: clean each docstring once
def _doc(cls: type[Check]) -> str:
    return inspect.getdoc(cls)


def register(cls: type[Check]) -> type[Check]:
    if not CODE.match(getattr(cls, "code", "")):
        raise TypeError(f"{cls.__name__}: code must look like SUM001, got {getattr(cls, 'code', None)!r}")
    if not (cls.__doc__ or "").strip():
        raise TypeError(f"{cls.__name__}: a check needs a docstring (title, what, why, example)")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise TypeError(f"check code {cls.code} registered twice")
    _REGISTRY[cls.code] = cls
    return cls


@register
class InternalError(Check):
    """检查程序内部错误：某项检查运行失败，其结论缺失。

    What: the engine reports a check that raised an exception as this finding
    (severity warning) and goes on with the other checks.
    Why: a crashed check must not pass silently; its relations were not verified.
    Example: a malformed table makes SUM001 raise → "AUD900 SUM001 运行失败：…".
    """

    code = "AUD900"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        return ()


def metric(name: str):
    """Register a family's coverage counts, e.g. ``@metric("claims")`` over
    ``def claim_counts(doc) -> {"found": n, "checked": m}``; the engine reports them."""
    def decorate(function: Callable[[Document], dict[str, int]]):
        _METRICS[name] = function
        return function
    return decorate


def coverage_metrics() -> dict[str, Callable[[Document], dict[str, int]]]:
    available_checks()
    return dict(sorted(_METRICS.items()))


def available_checks() -> dict[str, type[Check]]:
    import checks

    checks.load()
    return dict(sorted(_REGISTRY.items()))


def _longest(prefixes: Sequence[str], code: str) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def select_checks(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[type[Check]]:
    """Checks whose id is selected (all when ``select`` is empty) and not ignored more specifically."""
    chosen = []
    for code, cls in available_checks().items():
        if code == InternalError.code:
            continue
        selected = _longest(select, code) if select else 0
        ignored = _longest(ignore, code)
        if selected >= 0 and selected > ignored:  # a tie goes to ignore
            chosen.append(cls)
    return chosen
