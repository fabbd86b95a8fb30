"""Configuration: ``[tool.auditor]`` in a pyproject.toml, or an ``auditor.toml``.

Discovery starts in the current directory and walks up: the first directory
holding an ``auditor.toml`` (keys at the top level or under ``[tool.auditor]``)
or a ``pyproject.toml`` with a ``[tool.auditor]`` table wins; ``--config FILE``
names one explicitly. Command-line options override the file.

    [tool.auditor]
    select = ["SUM", "STM"]            # check id prefixes (longest prefix wins)
    ignore = ["SUM002"]
    fail-on = "error"                  # error | warning | info | never
    format = ["html", "sarif"]
    output-dir = "reports"
    baseline = "auditor-baseline.json"
    jobs = 2
    [tool.auditor.severity]            # per check id (or id prefix): error | warning | info
    SUM002 = "warning"
    [tool.auditor.per-path-ignores]    # glob (relative to the config file) → id prefixes
    "archive/**" = ["SUM"]
    [tool.auditor.tolerance]
    absolute = "0.01"                  # a gap this small (in the figure's unit) is reported as info
    rounding = "hide"                  # "report" (default) or "hide" the 尾差 (rounding) findings

Unknown keys give a warning; a value of the wrong kind is a ``ConfigError``
naming the key (the CLI turns it into a usage error, exit 2).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

from auditor.model import Severity

FAIL_ON = ("error", "warning", "info", "never")
FORMATS = ("html", "json", "sarif", "junit", "github")
ROUNDING = ("report", "hide")
KEYS = ("select", "ignore", "fail-on", "format", "output-dir", "baseline", "jobs",
        "severity", "per-path-ignores", "tolerance")
TOLERANCE_KEYS = ("absolute", "rounding")


class ConfigError(ValueError):
    """An invalid configuration value; the message names the key."""


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file read, None for defaults
    root: Path = field(default_factory=Path.cwd)  # per-path globs are relative to it
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    formats: tuple[str, ...] = ("html",)
    output_dir: Path = Path("reports")
    baseline: Path | None = None
    jobs: int = 1
    severity: tuple[tuple[str, Severity], ...] = ()  # (id prefix, severity), longest prefix first
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    absolute_tolerance: Decimal = Decimal(0)
    rounding: str = "report"
    warnings: tuple[str, ...] = ()  # unknown keys, shown by the CLI

    def severity_for(self, code: str) -> Severity | None:
        return next((sev for prefix, sev in self.severity if code.startswith(prefix)), None)

    def ignored_for(self, path: str | Path) -> tuple[str, ...]:
        """Check id prefixes ignored for this document by ``per-path-ignores``."""
        try:
            relative = PurePosixPath(Path(path).resolve().relative_to(self.root.resolve()).as_posix())
        except ValueError:
            relative = PurePosixPath(Path(path).as_posix())
        out: list[str] = []
        for pattern, prefixes in self.per_path_ignores:
            if relative.match(pattern) or fnmatch.fnmatch(relative.as_posix(), pattern):
                out.extend(prefixes)
        return tuple(out)


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ImportError:
            raise ConfigError(f"{path}: reading TOML needs Python 3.11+ or the tomli package") from None
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read ({err.strerror})") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML ({err})") from None


def _section(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool", {}).get("auditor") if isinstance(data.get("tool"), dict) else None
    if path.name == "pyproject.toml":
        return tool
    return tool if tool is not None else {k: v for k, v in data.items() if k != "tool"}


def discover(start: Path | None = None) -> Path | None:
    """The nearest auditor.toml, or pyproject.toml with [tool.auditor], from ``start`` upward."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "auditor.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                if _section(candidate, _load_toml(candidate)) is not None:
                    return candidate
            except ConfigError:
                continue  # someone else's broken pyproject is not our configuration
    return None


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{key}: expected a list of strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _choice(key: str, value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise ConfigError(f"{key}: expected one of {', '.join(choices)}, got {value!r}")
    return value.strip().lower()


def _table(key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table, got {value!r}")
    return value


def parse(data: dict[str, Any], source: Path | None = None) -> Config:
    """Validate a ``[tool.auditor]`` table into a Config."""
    root = source.parent if source else Path.cwd()
    values: dict[str, Any] = {"source": source, "root": root}
    warnings = [f"{source or 'config'}: unknown key {key!r} ignored" for key in data if key not in KEYS]
    if "select" in data:
        values["select"] = _strings("select", data["select"])
    if "ignore" in data:
        values["ignore"] = _strings("ignore", data["ignore"])
    if "fail-on" in data:
        values["fail_on"] = _choice("fail-on", data["fail-on"], FAIL_ON)
    if "format" in data:
        formats = _strings("format", data["format"])
        for name in formats:
            _choice("format", name, FORMATS)
        values["formats"] = tuple(f.lower() for f in formats)
    if "output-dir" in data:
        if not isinstance(data["output-dir"], str) or not data["output-dir"].strip():
            raise ConfigError(f"output-dir: expected a directory path, got {data['output-dir']!r}")
        values["output_dir"] = root / data["output-dir"]
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"].strip():
            raise ConfigError(f"baseline: expected a file path, got {data['baseline']!r}")
        values["baseline"] = root / data["baseline"]
    if "jobs" in data:
        if not isinstance(data["jobs"], int) or isinstance(data["jobs"], bool) or data["jobs"] < 0:
            raise ConfigError(f"jobs: expected a whole number ≥ 0 (0 = one per core), got {data['jobs']!r}")
        values["jobs"] = data["jobs"]
    if "severity" in data:
        pairs = []
        for code, level in _table("severity", data["severity"]).items():
            try:
                pairs.append((code, Severity.parse(level if isinstance(level, str) else "")))
            except ValueError:
                raise ConfigError(f"severity.{code}: expected error, warning or info, got {level!r}") from None
        values["severity"] = tuple(sorted(pairs, key=lambda p: -len(p[0])))
    if "per-path-ignores" in data:
        values["per_path_ignores"] = tuple(
            (pattern, _strings(f"per-path-ignores.{pattern!r}", prefixes))
            for pattern, prefixes in _table("per-path-ignores", data["per-path-ignores"]).items()
        )
    if "tolerance" in data:
        tolerance = _table("tolerance", data["tolerance"])
        warnings += [f"{source or 'config'}: unknown key 'tolerance.{k}' ignored"
                     for k in tolerance if k not in TOLERANCE_KEYS]
        if "absolute" in tolerance:
            raw = tolerance["absolute"]
            try:
                amount = Decimal(str(raw)) if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else None
            except InvalidOperation:
                amount = None
            if amount is None or not amount.is_finite() or amount < 0:
                raise ConfigError(f"tolerance.absolute: expected a number ≥ 0 such as \"0.01\", got {raw!r}")
            values["absolute_tolerance"] = amount
        if "rounding" in tolerance:
            values["rounding"] = _choice("tolerance.rounding", tolerance["rounding"], ROUNDING)
    values["warnings"] = tuple(warnings)
    return Config(**values)


def load(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The configuration from ``explicit`` or the discovered file; defaults when there is none."""
    path = explicit if explicit is not None else discover(start)
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    section = _section(path, _load_toml(path))
    if section is None:
        raise ConfigError(f"{path}: has no [tool.auditor] table")
    return parse(section, path)
