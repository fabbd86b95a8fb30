"""The `audit` command.

    audit PATH...              audit files, directories (recursively) and globs; write an HTML
                               report per document and an index.html, print a summary
    audit baseline write PATH  record the current findings as known (a baseline file)
    audit checks               list the checks (id, severity, title); -v for their docs
    audit bench                the throughput benchmark (python -m auditor.bench throughput)

Exit codes (sqlfluff's contract): 0 no finding at or above --fail-on, 1 findings
at or above it, 2 a usage error, a file that could not be read or a report that
could not be written. Options override the configuration file ([tool.auditor]
in pyproject.toml, or auditor.toml; see auditor.config).
Only click is imported at start-up; the engine, rich and jinja2 load on use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from auditor.config import FAIL_ON, FORMATS

MACHINE = ("json", "sarif", "junit")  # formats written to stdout or a file
DEFAULT_FILES = {"json": "audit.json", "sarif": "audit.sarif", "junit": "audit.junit.xml"}


class DefaultGroup(click.Group):
    """`audit FILE` means `audit run FILE`; named subcommands still work."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...] | list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _config(path: Path | None):
    from auditor.config import ConfigError, load

    try:
        config = load(path)
    except ConfigError as err:
        raise click.UsageError(f"configuration: {err}") from None
    for warning in config.warnings:
        click.echo(f"warning: {warning}", err=True)
    return config


def _targets(formats: list[str], outs: tuple[str, ...], output_dir: Path) -> dict[str, Path | None]:
    """Where each machine-readable format goes (None = stdout)."""
    machine = [f for f in formats if f in MACHINE]
    explicit: dict[str, Path] = {}
    for out in outs:
        name, sep, path = out.partition("=")
        if sep and name in FORMATS:
            explicit[name] = Path(path)
        elif len(machine) == 1:
            explicit[machine[0]] = Path(out)
        else:
            raise click.UsageError(f"--out {out}: with several formats write --out FORMAT=PATH (e.g. sarif=audit.sarif)")
    unwanted = set(explicit) - set(machine)
    if unwanted:
        raise click.UsageError(f"--out for {', '.join(sorted(unwanted))}, which --format does not ask for")
    stdout_free = "github" not in formats and len([f for f in machine if f not in explicit]) == 1
    return {f: explicit.get(f, None if stdout_free else output_dir / DEFAULT_FILES[f]) for f in machine}


def _checked_select(select: list[str], ignore: list[str]) -> None:
    from auditor.registry import available_checks

    codes = list(available_checks())
    unknown = [p for p in select + ignore if not any(code.startswith(p) for code in codes)]
    if unknown:
        raise click.UsageError(f"no check id starts with {', '.join(unknown)} (see `audit checks`)")


def _expand(paths: tuple[str, ...]) -> list[Path]:
    from auditor.batch import expand

    documents = expand(paths)
    if not documents:
        raise click.UsageError("no documents to audit")
    return documents


def _audit(documents, select, ignore, config, baseline, jobs, html, quiet):
    """Run the batch with a progress bar on a terminal (stderr), none otherwise."""
    from auditor import batch

    if quiet or len(documents) < 2 or not sys.stderr.isatty():
        return batch.run(documents, select, ignore, config, baseline, jobs, html)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    # auto_refresh off: no refresh thread alive when worker processes are forked
    with Progress("审核 auditing", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("", total=len(documents))

        def advance(_: int) -> None:
            bar.advance(task)
            bar.refresh()

        return batch.run(documents, select, ignore, config, baseline, jobs, html, advance)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="auditor")
def main() -> None:
    """auditor — consistency audit of Chinese public-finance disclosures.

    `audit PATH...` reads each .docx/.txt (directories are searched, globs
    expanded), reconciles its figures and writes an HTML discrepancy report per
    document plus an index (reports/ by default).
    """


@main.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "formats", default=None,
              help="Comma-separated outputs: html, json, sarif, junit, github.  [default: html]")
@click.option("--out", "outs", multiple=True,
              help="Write a machine-readable format to a file: PATH (one format) or FORMAT=PATH.")
@click.option("--output-dir", type=click.Path(path_type=Path), default=None,
              help="Directory for the HTML reports and index.  [default: reports]")
@click.option("--select", multiple=True, help="Only checks whose id starts with these prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip checks whose id starts with these prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1.  [default: error]")
@click.option("--baseline", type=click.Path(path_type=Path), default=None,
              help="Suppress the findings recorded in this baseline file.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Configuration file (default: auditor.toml or pyproject.toml [tool.auditor], searched upward).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Documents audited in parallel processes (0 = one per core).  [default: 1]")
@click.option("-q", "--quiet", is_flag=True, help="No terminal summary and no progress bar.")
def run(paths, formats, outs, output_dir, select, ignore, fail_on, baseline, config_path, jobs, quiet) -> None:
    """Audit documents and write reports."""
    config = _config(config_path)
    wanted = _split((formats,)) if formats is not None else list(config.formats)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise click.UsageError(f"unknown --format {', '.join(unknown) or '(empty)'}; choose from {', '.join(FORMATS)}")
    output_dir = output_dir if output_dir is not None else config.output_dir
    targets = _targets(wanted, outs, output_dir)
    select_ = _split(select) if select else list(config.select)
    ignore_ = _split(ignore) if ignore else list(config.ignore)
    _checked_select(select_, ignore_)
    fail_on = fail_on or config.fail_on
    baseline_path = baseline if baseline is not None else config.baseline
    documents = _expand(paths)

    from auditor.baseline import BaselineError, Summary
    from auditor.baseline import load as load_baseline
    from auditor.engine import exit_code
    from auditor.model import Severity

    known = None
    if baseline_path is not None:
        try:
            known = load_baseline(baseline_path)
        except BaselineError as err:
            raise click.UsageError(str(err)) from None
    outcomes = _audit(documents, select_, ignore_, config, known, jobs if jobs is not None else config.jobs,
                      "html" in wanted, quiet)
    results = [o.result for o in outcomes]
    summary = None
    if known is not None:
        matched = set().union(*(o.matched for o in outcomes))
        summary = Summary(str(baseline_path), sum(r.suppressed for r in results),
                          tuple(known.stale([r.path for r in results], matched)), known.missing_reasons())

    from auditor.report import write_atomic

    failed_writes: list[str] = []

    def write(target: Path, text: str) -> bool:
        try:
            write_atomic(target, text)
            return True
        except OSError as err:
            failed_writes.append(f"cannot write {target}: {err.strerror or err}")
            return False

    reports: dict[str, str] = {}
    index = None
    if "html" in wanted:
        from auditor.batch import report_names
        from auditor.report.index import render as render_index

        for outcome, name in zip(outcomes, report_names(documents)):
            if not write(output_dir / name, outcome.html or ""):
                break  # one reason is enough: the directory is not writable
            reports[outcome.result.path] = name
        index_path = output_dir / "index.html"
        if not failed_writes and write(index_path, render_index(results, reports, summary)):
            index = str(index_path)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    for fmt, target in targets.items():
        if fmt == "json":
            from auditor.report.json import render as render_fmt
            text = render_fmt(results, summary)
        elif fmt == "sarif":
            from auditor.report.sarif import render as render_fmt
            text = render_fmt(results, summary)
        else:
            from auditor.report.junit import render as render_fmt
            text = render_fmt(results, threshold)
        if target is None:
            sys.stdout.write(text)
        else:
            write(target, text)
    to_stdout = None in targets.values() or "github" in wanted
    if "github" in wanted:
        from auditor.report.github import annotations, summary as markdown

        sys.stdout.write(annotations(results))
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            try:
                with open(step_summary, "a", encoding="utf-8") as handle:
                    handle.write(markdown(results, summary))
            except OSError as err:
                failed_writes.append(f"cannot write GITHUB_STEP_SUMMARY {step_summary}: {err.strerror or err}")
        else:
            write(output_dir / "summary.md", markdown(results, summary))
    if not quiet:
        from auditor.report.console import print_batch, print_summary

        if len(results) == 1 and summary is None:
            print_summary(results, {r: str(output_dir / n) for r, n in reports.items()}, stderr=to_stdout)
        else:
            print_batch(results, index, summary, stderr=to_stdout)
    for result in results:
        if result.status == "error":
            click.echo(f"error: {result.error}", err=True)
    for message in failed_writes:
        click.echo(f"error: {message}", err=True)
    code = exit_code(results, threshold)
    sys.exit(2 if failed_writes else code)


@main.group("baseline")
def baseline_group() -> None:
    """Baseline files: known findings suppressed in later runs (`audit --baseline FILE`)."""


@baseline_group.command("write")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Baseline file to write.  [default: the configured baseline, else auditor-baseline.json]")
@click.option("--select", multiple=True, help="Only checks whose id starts with these prefixes.")
@click.option("--ignore", multiple=True, help="Skip checks whose id starts with these prefixes.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None, help="Configuration file.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Parallel processes (0 = one per core).")
def baseline_write(paths, output, select, ignore, config_path, jobs) -> None:
    """Record the current findings of PATHS as known; reasons given before are kept."""
    config = _config(config_path)
    select_ = _split(select) if select else list(config.select)
    ignore_ = _split(ignore) if ignore else list(config.ignore)
    _checked_select(select_, ignore_)
    target = output or config.baseline or Path("auditor-baseline.json")
    documents = _expand(paths)

    from auditor.baseline import BaselineError, build, load, render
    from auditor.report import write_atomic

    previous = None
    if target.exists():
        try:
            previous = load(target)
        except BaselineError as err:
            raise click.UsageError(f"{err}; not overwritten") from None
    outcomes = _audit(documents, select_, ignore_, config, None, jobs if jobs is not None else config.jobs,
                      False, False)
    results = [o.result for o in outcomes]
    baseline = build(target, results, previous)
    try:
        write_atomic(target, render(baseline))
    except OSError as err:
        click.echo(f"error: cannot write {target}: {err.strerror or err}", err=True)
        sys.exit(2)
    click.echo(f"{target}: {len(baseline.entries)} known finding(s) from {len(results)} document(s); "
               f"{baseline.missing_reasons()} without a reason — fill in each \"reason\".", err=True)
    unreadable = [r for r in results if r.status == "error"]
    for result in unreadable:
        click.echo(f"error: {result.error}", err=True)
    sys.exit(2 if unreadable else 0)


@main.command("checks")
@click.option("-v", "--verbose", is_flag=True, help="Print each check's documentation.")
@click.option("--markdown", is_flag=True, help="Print the list as the README's Markdown table.")
def list_checks(verbose: bool, markdown: bool) -> None:
    """List the registered checks."""
    from auditor.registry import available_checks

    if markdown:
        click.echo("| id | severity | title |\n|---|---|---|")
    for code, cls in available_checks().items():
        if markdown:
            click.echo(f"| {code} | {cls.severity.label} | {cls.title().rstrip('。')} |")
            continue
        click.echo(f"{code}  {cls.severity.label:<7}  {cls.title()}")
        if verbose:
            body = cls.doc().split("\n", 1)[1].strip() if "\n" in cls.doc() else ""
            click.echo("\n".join("    " + line for line in body.splitlines()) + "\n")


@main.command("bench", context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(args) -> None:
    """Throughput benchmark on the bundled samples (same arguments as `python -m auditor.bench throughput`)."""
    from auditor.bench.throughput import main as throughput

    sys.exit(throughput(list(args)) or 0)


if __name__ == "__main__":
    main()
