"""Throughput of the gate on the bundled samples, against the floor of merely
opening and walking the same .docx files with lxml.

    python -m auditor.bench throughput [--docs 200] [--jobs N] [--profile]
    audit bench [same options]

Prints, for `audit` and for the lxml floor:
- cold: one document in a fresh process (interpreter start, imports, reports), as the
  environment runs it and again with compiled bytecode cached (PYTHONDONTWRITEBYTECODE, set in
  some sandboxes, makes every start compile every module);
- warm: per document, in a process that has already audited one (mean of the samples);
- batch: documents per second for a folder of ``--docs`` documents (the samples
  repeated), at --jobs 1 and --jobs N, wall time of a fresh process;
- CPU seconds per document in the batch (independent of other load on the machine);
- peak memory (maximum resident set) of the batch process and of its largest worker;
and the ratio audit / floor. ``--profile`` adds where the warm time goes (cProfile,
grouped by stage and by function).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def walk_docx(path: str | Path) -> int:
    """The floor: open the package, parse word/document.xml, visit every element, join the text."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    chars = 0
    for element in root.iter():
        if element.tag == W_T and element.text:
            chars += len(element.text)
    return chars


def _child(mode: str, paths: list[str], jobs: int, out: str) -> None:
    """Run one measured workload in this (fresh) process and print its figures as JSON."""
    start = time.perf_counter()
    if mode == "floor":
        from auditor.batch import expand

        files = [str(p) for p in expand(paths)]
        if jobs > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                pool.map(walk_docx, files, chunksize=4)
        else:
            for file in files:
                walk_docx(file)
    else:
        from auditor.cli import main

        try:
            main(["run", *paths, "-q", "--fail-on", "never", "--jobs", str(jobs), "--output-dir", out],
                 standalone_mode=False)
        except SystemExit:
            pass
    seconds = time.perf_counter() - start
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(json.dumps({
        "seconds": seconds,
        "cpu": sum(u.ru_utime + u.ru_stime for u in usage),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def _measure(mode: str, paths: list[str], jobs: int, out: Path, pycache: Path | None = None) -> dict:
    """Figures of one workload run in a fresh process. With ``pycache``, the process may write and
    read compiled bytecode there (as any installed program does after its first run), even where
    the environment sets PYTHONDONTWRITEBYTECODE; without it, it runs as the environment says."""
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "auditor.bench", "throughput", "--child", mode, "--jobs", str(jobs),
                           "--out", str(out), *paths], capture_output=True, text=True, check=True, env=env)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - start
    return figures


def _text_caches() -> list:
    """The per-text lru caches of auditor and its checks (parsed cells, normalised labels …),
    found in the loaded modules' namespaces."""
    import functools

    found = {id(value): value for name, module in list(sys.modules.items())
             if name.split(".")[0] in ("auditor", "checks") for value in vars(module).values()
             if isinstance(value, functools._lru_cache_wrapper)}
    return list(found.values())


def _warm(samples: list[Path], rounds: int) -> tuple[float, float, float, float]:
    """Mean seconds per document, each measured in a loop of its own over the samples (with
    the garbage collector tuned as a batch run tunes it): audit (read + checks), HTML report,
    lxml floor, and audit with every text cache emptied before each document (the samples
    repeat in a warm loop, so their cell and label texts would otherwise be parsed once and
    remembered)."""
    from auditor.batch import tune_gc
    from auditor.engine import audit_file
    from auditor.registry import select_checks
    from auditor.report.html import render

    checks = select_checks()
    for sample in samples:  # warm-up: imports, compiled patterns, jinja template
        render(audit_file(sample, checks))
        walk_docx(sample)
    tune_gc()
    caches = _text_caches()

    def clear() -> None:
        for cache in caches:
            cache.cache_clear()

    def mean(work, before=lambda: None) -> float:
        seconds = 0.0
        for _ in range(rounds):
            for sample in samples:
                before()
                start = time.perf_counter()
                work(sample)
                seconds += time.perf_counter() - start
        return seconds / (rounds * len(samples))

    results = {sample: audit_file(sample, checks) for sample in samples}
    return (mean(lambda sample: audit_file(sample, checks)), mean(lambda sample: render(results[sample])),
            mean(walk_docx), mean(lambda sample: audit_file(sample, checks), clear))


STAGES = (("extract", "/auditor/extract/"), ("checks", "/checks/"), ("report", "/auditor/report/"),
          ("figures/tables", "/auditor/figures.py"), ("figures/tables", "/auditor/tables.py"),
          ("numbers", "/auditor/numbers.py"), ("recognisers", "/auditor/statements/"),
          ("recognisers", "/auditor/scores/"), ("recognisers", "/auditor/claims/"),
          ("engine", "/auditor/engine.py"), ("lxml/zip", "lxml"), ("lxml/zip", "zipfile"),
          ("pandas/pandera", "pandas"), ("pandas/pandera", "pandera"), ("jinja2", "jinja2"))


def _profile(samples: list[Path]) -> str:
    import cProfile
    import pstats
    from collections import Counter

    from auditor.engine import audit_file
    from auditor.registry import select_checks

    checks = select_checks()
    for sample in samples:
        audit_file(sample, checks)
    profiler = cProfile.Profile()
    profiler.enable()
    for sample in samples:
        audit_file(sample, checks)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # tottime
    by_stage: Counter[str] = Counter()
    for (filename, _, _), row in stats.stats.items():
        stage = next((name for name, marker in STAGES if marker in filename), "other (stdlib: re, decimal …)")
        by_stage[stage] += row[2]
    lines = ["where the warm audit time goes (self time, cProfile):"]
    lines += [f"  {stage:<32} {seconds / total:6.1%}" for stage, seconds in by_stage.most_common()]
    lines.append("cumulative time by step (shared caches are charged to the first caller):")
    steps = [("read (extract)", "/auditor/extract/__init__.py", "read_document"),
             ("figures", "/auditor/figures.py", "document_figures"),
             ("fingerprints", "/auditor/engine.py", "_fingerprints")]
    cumulative = {(f, n): row[3] for (f, _, n), row in stats.stats.items()}
    for label, marker, name in steps:
        seconds = sum(v for (f, n), v in cumulative.items() if marker in f and n == name)
        lines.append(f"  {label:<32} {seconds / total:6.1%}")
    checks_time = Counter()
    for (filename, name), seconds in cumulative.items():
        if "/checks/" in filename and name == "run":
            checks_time[Path(filename).parent.name + "/" + Path(filename).stem] += seconds
    for check, seconds in checks_time.most_common(12):
        lines.append(f"  check {check:<26} {seconds / total:6.1%}")
    lines.append("top functions by self time:")
    top = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:15]
    for (filename, line, name), row in top:
        short = "/".join(Path(filename).parts[-2:]) if filename != "~" else "builtin"
        lines.append(f"  {row[2] / total:6.1%}  {row[1]:>8} calls  {short}:{line}({name})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m auditor.bench throughput", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="batch size (the samples repeated)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel processes for the batch")
    parser.add_argument("--rounds", type=int, default=5, help="warm rounds over the samples")
    parser.add_argument("--profile", action="store_true", help="show where the warm time goes")
    parser.add_argument("--child", choices=("audit", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.paths, args.jobs, args.out)
        return 0

    samples = sorted(SAMPLES.glob("*.docx"))
    if not samples:
        print(f"no samples in {SAMPLES}")
        return 2
    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:
        batch = Path(tmp) / "batch"
        batch.mkdir()
        for i in range(args.docs):
            sample = samples[i % len(samples)]
            shutil.copy(sample, batch / f"{i:04d}_{sample.name}")
        out = Path(tmp) / "out"
        cold = {mode: _measure(mode, [str(samples[2])], 1, out) for mode in ("audit", "floor")}
        pycache = Path(tmp) / "pycache"
        _measure("audit", [str(samples[2])], 1, out, pycache)  # compiles and writes the bytecode
        cold_compiled = {mode: _measure(mode, [str(samples[2])], 1, out, pycache) for mode in ("audit", "floor")}
        runs = {(mode, jobs): _measure(mode, [str(batch)], jobs, out)
                for mode in ("audit", "floor") for jobs in sorted({1, args.jobs})}
    warm_audit, warm_html, warm_floor, warm_fresh = _warm(samples, args.rounds)

    print(f"samples: {len(samples)} documents; batch: {args.docs} documents; cores: {os.cpu_count()}")
    print(f"{'':32}{'audit':>14}{'lxml floor':>14}{'ratio':>9}")

    def row(label: str, a: float, f: float, unit: str) -> None:
        print(f"{label:<32}{a:>11.3f} {unit:<2}{f:>11.3f} {unit:<2}{a / f if f else float('nan'):>8.1f}×")

    row("cold, one document (wall)", cold["audit"]["wall"], cold["floor"]["wall"], "s")
    row("  the same, bytecode cached", cold_compiled["audit"]["wall"], cold_compiled["floor"]["wall"], "s")
    row("warm, per document", warm_audit * 1000, warm_floor * 1000, "ms")
    print(f"{'  of which audit (read+checks)':<32}{warm_audit * 1000:>11.3f} ms; HTML report {warm_html * 1000:.3f} ms")
    row("warm, text caches emptied", warm_fresh * 1000, warm_floor * 1000, "ms")
    for jobs in sorted({1, args.jobs}):
        a, f = runs[("audit", jobs)], runs[("floor", jobs)]
        print(f"{f'batch --jobs {jobs} (docs/s, wall)':<32}{args.docs / a['wall']:>11.1f} /s{args.docs / f['wall']:>11.1f} /s"
              f"{a['wall'] / f['wall']:>8.1f}×")
        print(f"{f'  CPU per document --jobs {jobs}':<32}{a['cpu'] / args.docs * 1000:>11.1f} ms"
              f"{f['cpu'] / args.docs * 1000:>11.1f} ms{a['cpu'] / f['cpu']:>8.1f}×  (load-independent)")
        print(f"{f'  peak memory --jobs {jobs}':<32}{a['rss_mb']:>8.0f} MB main, {a['worker_rss_mb']:.0f} MB worker; "
              f"floor {f['rss_mb']:.0f} MB")
    if args.profile:
        print(_profile(samples))
    return 0
