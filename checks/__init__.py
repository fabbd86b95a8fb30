"""The library of checks, one module per check, grouped in family packages
(``checks/totals/``, …). ``load()`` imports every module below this package,
which registers its checks; it runs lazily (from
``auditor.registry.available_checks``) so that ``audit --help`` stays fast.
Modules whose name starts with ``_`` are helpers and are imported only by checks.
"""


_loaded = False


def load() -> None:
    global _loaded
    if _loaded:  # asked for every document (coverage metrics): walk the package once per process
        return
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        if not module.name.rsplit(".", 1)[-1].startswith("_"):
            importlib.import_module(module.name)
    _loaded = True
