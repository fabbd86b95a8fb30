import importlib
import pkgutil
import sys

import auditor.bench as package


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))
    if not argv or argv[0] not in names:
        print("usage: python -m auditor.bench NAME [ARGS…]\nbenchmarks: " + ", ".join(names))
        return 2
    return importlib.import_module(f"auditor.bench.{argv[0]}").main(argv[1:]) or 0


sys.exit(main(sys.argv[1:]))
