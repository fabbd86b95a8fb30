"""The library of checks. ``load()`` imports every check module (and so registers
it); it is called lazily by ``auditor.registry.available_checks`` to keep start-up fast.
"""

CHECK_MODULES = (
    "checks.totals.row_total",
    "checks.totals.column_total",
)


def load() -> None:
    import importlib

    for name in CHECK_MODULES:
        importlib.import_module(name)
