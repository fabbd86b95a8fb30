"""The score family's checks, imported on their own (for its tests and benchmark,
which must not depend on other families' modules)."""

from __future__ import annotations

import importlib
import pkgutil


def score_checks() -> list[type]:
    import checks.scores as package
    from auditor.registry import Check

    found = []
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"{package.__name__}.{module.name}")
        found += [obj for obj in vars(loaded).values()
                  if isinstance(obj, type) and issubclass(obj, Check) and obj.__module__ == loaded.__name__]
    return sorted(found, key=lambda c: c.code)
