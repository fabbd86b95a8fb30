"""Configuration: [tool.auditor] in pyproject.toml or auditor.toml, found upward or named."""

import json

import pytest

from auditor.config import Config, ConfigError, discover, load, parse
from auditor.model import Severity
from builders import build_docx
from gatekit import audit

BROKEN = [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]]  # SUM001: 4.00 ≠ 3.00


def test_discovery_walks_up_from_the_current_directory(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert discover(deep) is None  # a pyproject without [tool.auditor] is not ours
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nfail-on = "warning"\n', encoding="utf-8")
    assert discover(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "auditor.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert discover(deep) == tmp_path / "a" / "auditor.toml"
    assert load(start=deep).fail_on == "info"


def test_every_key_is_read():
    config = parse({
        "select": ["SUM", "STM"], "ignore": "SUM002", "fail-on": "warning", "format": ["html", "sarif"],
        "output-dir": "out", "baseline": "b.json", "jobs": 2,
        "severity": {"SUM": "warning", "SUM001": "info"},
        "per-path-ignores": {"archive/**": ["SUM"]},
        "tolerance": {"absolute": "0.01", "rounding": "hide"},
    })
    assert config.select == ("SUM", "STM") and config.ignore == ("SUM002",)
    assert (config.fail_on, config.formats, config.jobs) == ("warning", ("html", "sarif"), 2)
    assert config.severity_for("SUM001") is Severity.INFO and config.severity_for("SUM002") is Severity.WARNING
    assert config.severity_for("STM001") is None
    assert str(config.absolute_tolerance) == "0.01" and config.rounding == "hide"
    assert config.ignored_for(config.root / "archive" / "2020" / "x.docx") == ("SUM",)
    assert config.ignored_for(config.root / "current" / "x.docx") == ()
    assert config.warnings == ()


@pytest.mark.parametrize("data, key", [
    ({"fail-on": "sometimes"}, "fail-on"),
    ({"format": ["html", "pdf"]}, "format"),
    ({"jobs": "two"}, "jobs"),
    ({"select": [1]}, "select"),
    ({"severity": {"SUM001": "fatal"}}, "severity.SUM001"),
    ({"per-path-ignores": {"x/**": "SUM"}}, None),  # a string is a one-item list: valid
    ({"tolerance": {"absolute": "-1"}}, "tolerance.absolute"),
    ({"tolerance": {"rounding": "maybe"}}, "tolerance.rounding"),
    ({"output-dir": ""}, "output-dir"),
])
def test_invalid_values_name_their_key(data, key):
    if key is None:
        parse(data)
        return
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        parse(data)


def test_unknown_keys_warn_and_invalid_values_are_usage_errors(tmp_path):
    doc = build_docx(tmp_path / "d.docx", "单位：元", BROKEN)
    (tmp_path / "auditor.toml").write_text('colour = "red"\n[tolerance]\nfuzz = 1\n', encoding="utf-8")
    result = audit(doc, "-q")
    assert result.exit_code == 1
    assert "unknown key 'colour'" in result.stderr and "unknown key 'tolerance.fuzz'" in result.stderr
    (tmp_path / "auditor.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    result = audit(doc, "-q")
    assert result.exit_code == 2 and "fail-on" in result.stderr
    (tmp_path / "auditor.toml").write_text('fail-on = [\n', encoding="utf-8")
    result = audit(doc, "-q")
    assert result.exit_code == 2 and "not valid TOML" in result.stderr


def test_config_drives_the_run_and_options_override_it(tmp_path):
    doc = build_docx(tmp_path / "d.docx", "单位：元", BROKEN)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.auditor]\nselect = ["SUM"]\noutput-dir = "gate"\nformat = "html,json"\n'
        '[tool.auditor.severity]\nSUM001 = "warning"\n', encoding="utf-8")
    result = audit(doc, "-q")
    assert result.exit_code == 0  # the error became a warning
    (finding,) = json.loads(result.stdout)["documents"][0]["findings"]
    assert (finding["check"], finding["severity"]) == ("SUM001", "warning")
    assert (tmp_path / "gate" / "d.html").exists()
    assert audit(doc, "-q", "--fail-on", "warning").exit_code == 1
    assert audit(doc, "-q", "--format", "html").stdout == ""


def test_named_config_file(tmp_path):
    doc = build_docx(tmp_path / "d.docx", "单位：元", BROKEN)
    named = tmp_path / "ci" / "gate.toml"
    named.parent.mkdir()
    named.write_text('[tool.auditor]\nignore = ["SUM"]\n', encoding="utf-8")
    assert audit(doc, "-q", "--config", named).exit_code == 0
    result = audit(doc, "-q", "--config", tmp_path / "nope.toml")
    assert result.exit_code == 2 and "no such configuration file" in result.stderr


def test_per_path_ignores_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "archive").mkdir()
    old = build_docx(tmp_path / "archive" / "old.docx", "单位：元", BROKEN)
    new = build_docx(tmp_path / "new.docx", "单位：元", BROKEN)
    (tmp_path / "auditor.toml").write_text('select = ["SUM"]\n[per-path-ignores]\n"archive/*" = ["SUM001"]\n',
                                           encoding="utf-8")
    documents = json.loads(audit(old, new, "-q", "--format", "json").stdout)["documents"]
    assert [d["checks_run"] for d in documents] == [["SUM002"], ["SUM001", "SUM002"]]
    assert [d["counts"]["error"] for d in documents] == [0, 1]


def test_tolerance_settings(tmp_path):
    fen = build_docx(tmp_path / "fen.docx", "单位：元", [["项目", "金额"], ["合计", "3.01"], ["甲", "3.00"]])
    rounding = build_docx(tmp_path / "wan.docx", "单位：万元",
                          [["项目", "金额"], ["合计", "3.01"], ["甲", "1.00"], ["乙", "2.00"]])
    base = ["-q", "--format", "json", "--select", "SUM", "--fail-on", "never"]

    def severities(path):
        return [f["severity"] for f in json.loads(audit(path, *base).stdout)["documents"][0]["findings"]]

    assert severities(fen) == ["error"] and severities(rounding) == ["info"]
    (tmp_path / "auditor.toml").write_text('[tolerance]\nabsolute = "0.01"\nrounding = "hide"\n', encoding="utf-8")
    assert severities(fen) == ["info"]  # a one-fen gap accepted by this office's policy
    assert severities(rounding) == []  # 尾差 hidden


def test_defaults_without_a_file(tmp_path):
    assert load(start=tmp_path) == Config(root=load(start=tmp_path).root)
