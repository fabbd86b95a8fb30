"""The `audit` command.

    audit FILE...              audit files, write reports/<stem>.html, print a summary
    audit checks               list the checks (id, severity, title); -v for their docs

Exit codes (sqlfluff's contract): 0 no finding at or above --fail-on, 1 findings
at or above it, 2 a usage error or a file that could not be read.
Only click is imported at start-up; the engine, rich and jinja2 load on use.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("html", "json")
FAIL_ON = ("error", "warning", "info", "never")


class DefaultGroup(click.Group):
    """`audit FILE` means `audit run FILE`; named subcommands still work."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="auditor")
def main() -> None:
    """auditor — consistency audit of Chinese public-finance disclosures.

    `audit FILE...` reads each .docx/.txt, reconciles its figures and writes an
    HTML discrepancy report per document (reports/<stem>.html by default).
    """


@main.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "formats", default="html", show_default=True,
              help="Comma-separated outputs: html, json.")
@click.option("--out", type=click.Path(path_type=Path), help="Write JSON here instead of stdout.")
@click.option("--output-dir", type=click.Path(path_type=Path), default=Path("reports"), show_default=True,
              help="Directory for the HTML reports.")
@click.option("--select", multiple=True, help="Only checks whose id starts with these prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip checks whose id starts with these prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("-q", "--quiet", is_flag=True, help="No terminal summary.")
def run(paths, formats, out, output_dir, select, ignore, fail_on, quiet) -> None:
    """Audit documents and write reports."""
    wanted = _split((formats,))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise click.UsageError(f"unknown --format {', '.join(unknown) or '(empty)'}; choose from {', '.join(FORMATS)}")

    from auditor.engine import audit_file, exit_code
    from auditor.model import Severity
    from auditor.registry import select_checks

    checks = select_checks(_split(select), _split(ignore))
    results = [audit_file(path, checks) for path in paths]
    reports: dict[str, str] = {}
    if "html" in wanted:
        from auditor.report import write_atomic
        from auditor.report.html import render

        for result in results:
            target = output_dir / f"{Path(result.path).stem}.html"
            try:
                write_atomic(target, render(result))
            except OSError as err:
                raise click.ClickException(f"cannot write {target}: {err.strerror or err}") from None
            reports[result.path] = str(target)
    json_to_stdout = "json" in wanted and out is None
    if "json" in wanted:
        from auditor.report.json import render as render_json

        text = render_json(results)
        if out is None:
            sys.stdout.write(text)
        else:
            from auditor.report import write_atomic

            write_atomic(out, text)
    if not quiet:
        from auditor.report.console import print_summary

        print_summary(results, reports, stderr=json_to_stdout)
    for result in results:
        if result.status == "error":
            click.echo(f"error: {result.error}", err=True)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    sys.exit(exit_code(results, threshold))


@main.command("checks")
@click.option("-v", "--verbose", is_flag=True, help="Print each check's documentation.")
def list_checks(verbose: bool) -> None:
    """List the registered checks."""
    from auditor.registry import available_checks

    for code, cls in available_checks().items():
        click.echo(f"{code}  {cls.severity.label:<7}  {cls.title()}")
        if verbose:
            body = cls.doc().split("\n", 1)[1].strip() if "\n" in cls.doc() else ""
            click.echo("\n".join("    " + line for line in body.splitlines()) + "\n")


if __name__ == "__main__":
    main()
