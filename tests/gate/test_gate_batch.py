"""Batch use: paths, directories and globs; index and reports; exit codes; --jobs."""

import json
import re
import shutil

from builders import build_docx
from gatekit import SAMPLES, audit

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512


def test_a_folder_with_samples_a_corrupt_and_a_locked_file(sample_dir, tmp_path):
    (sample_dir / "corrupt.docx").write_bytes(b"PK\x03\x04 broken")
    (sample_dir / "locked.docx").write_bytes(OLE)
    out = tmp_path / "out"
    result = audit(sample_dir, "--output-dir", out)
    assert result.exit_code == 2
    reports = sorted(p.name for p in out.glob("*.html"))
    assert reports == sorted([s.stem + ".html" for s in SAMPLES] + ["corrupt.html", "locked.html", "index.html"])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "corrupt.docx" in errors[0] and "not a valid .docx" in errors[0]
    assert "locked.docx" in errors[1] and "password-protected" in errors[1]
    index = (out / "index.html").read_text(encoding="utf-8")
    for sample in SAMPLES:
        assert f'href="{sample.stem}.html"' in index
    assert index.count("无法读取</span>") == 2 and "password-protected" in index

    (sample_dir / "corrupt.docx").unlink()
    (sample_dir / "locked.docx").unlink()
    assert audit(sample_dir, "--output-dir", out, "--fail-on", "never", "-q").exit_code == 0


def test_directories_are_searched_recursively_and_globs_expanded(tmp_path):
    from auditor.batch import expand

    docs = tmp_path / "docs"
    (docs / "2024" / "财政局").mkdir(parents=True)
    (docs / ".git").mkdir()
    for name in ("2024/财政局/预算 公开.docx", "2024/b.txt", "a.docx", "~$a.docx", ".git/x.docx", "notes.md"):
        (docs / name).write_bytes(b"x")
    found = [p.relative_to(docs).as_posix() for p in expand([docs])]
    assert found == ["a.docx", "2024/b.txt", "2024/财政局/预算 公开.docx"]
    globbed = [p.relative_to(docs).as_posix() for p in expand([str(docs / "**" / "*.docx"), docs / "a.docx"])]
    assert globbed == ["2024/财政局/预算 公开.docx", "a.docx"]  # sorted, duplicates dropped
    assert expand([str(docs / "*.pdf")]) == [docs / "*.pdf"]  # kept, so it is reported as unreadable


def test_a_glob_matching_nothing_is_an_unreadable_path_not_silence(tmp_path):
    result = audit(str(tmp_path / "*.docx"), "-q", "--output-dir", tmp_path / "out")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_same_stem_in_two_folders_gets_two_reports(tmp_path):
    rows = [["项目", "金额"], ["合计", "3.00"], ["甲", "3.00"]]
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        build_docx(tmp_path / folder / "index.docx", "单位：元", rows)
    result = audit(tmp_path / "a", tmp_path / "b", "-q", "--output-dir", tmp_path / "out")
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "out").glob("*.html"))
    assert len(names) == 3 and "index.html" in names
    assert all(re.fullmatch(r"index(-[0-9a-f]{8})?\.html", n) for n in names)


def test_fail_on_levels(tmp_path):
    # SUM001 error in the first table; a 万元 尾差 (info) in the second
    path = build_docx(tmp_path / "d.docx", "单位：元", [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]])
    out = tmp_path / "out"
    assert audit(path, "-q", "--output-dir", out, "--select", "SUM").exit_code == 1
    assert audit(path, "-q", "--output-dir", out, "--select", "SUM", "--fail-on", "never").exit_code == 0
    clean = build_docx(tmp_path / "c.docx", "单位：万元", [["项目", "金额"], ["合计", "3.01"], ["甲", "1.00"],
                                                       ["乙", "2.00"]])
    for fail_on, code in (("error", 0), ("warning", 0), ("info", 1), ("never", 0)):
        result = audit(clean, "-q", "--output-dir", out, "--select", "SUM", "--fail-on", fail_on)
        assert result.exit_code == code, fail_on


def test_usage_errors_exit_2_and_name_the_problem(tmp_path):
    doc = build_docx(tmp_path / "d.docx", "单位：元", [["项目", "金额"], ["合计", "3.00"], ["甲", "3.00"]])
    cases = [
        (["--format", "html,pdf"], "unknown --format pdf"),
        (["--select", "ZZZ"], "no check id starts with ZZZ"),
        (["--format", "json,sarif", "--out", "x.json"], "--out FORMAT=PATH"),
        (["--format", "json", "--out", "sarif=x.sarif"], "--out for sarif"),
        (["--baseline", tmp_path / "missing.json"], "no such baseline file"),
        (["--jobs", "-1"], "-1"),
    ]
    for args, message in cases:
        result = audit(doc, *args, "-q")
        assert result.exit_code == 2, args
        assert message in result.stderr, (args, result.stderr)


def _outputs(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_jobs_2_output_equals_jobs_1_byte_for_byte(sample_dir, tmp_path):
    (sample_dir / "bad.docx").write_bytes(b"")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = audit(sample_dir, "--jobs", jobs, "--format", "html,json,sarif,junit,github",
                       "--output-dir", out, "--fail-on", "warning", "-q")
        runs[jobs] = (result.exit_code, result.stdout, _outputs(out))
    assert runs["1"][0] == runs["2"][0] == 2
    assert runs["1"][1] == runs["2"][1]  # the GitHub annotations
    assert runs["1"][2].keys() == runs["2"][2].keys()
    assert set(runs["1"][2]) >= {"audit.json", "audit.sarif", "audit.junit.xml", "summary.md", "index.html"}
    for name in runs["1"][2]:
        assert runs["1"][2][name] == runs["2"][2][name], name


def test_json_lists_documents_in_the_order_given(sample_dir, tmp_path):
    order = [SAMPLES[3], SAMPLES[0], SAMPLES[4]]
    result = audit(*order, "--format", "json", "--jobs", "2", "-q", "--fail-on", "never")
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(p) for p in order]


def test_a_path_with_spaces_and_chinese_characters(tmp_path):
    folder = tmp_path / "部门 预算" / "2024 年"
    folder.mkdir(parents=True)
    path = build_docx(folder / "财政局 决算.docx", "单位：元", [["项目", "金额"], ["合计", "4.00"], ["甲", "3.00"]])
    out = tmp_path / "输出 目录"
    result = audit(path, "--output-dir", out, "--format", "html,json", "--out", "json=" + str(out / "r.json"), "-q")
    assert result.exit_code == 1
    assert (out / "财政局 决算.html").exists()
    assert "%E8%B4%A2" in (out / "index.html").read_text(encoding="utf-8")  # the link is URL-encoded
    record = json.loads((out / "r.json").read_text(encoding="utf-8"))["documents"][0]
    assert record["path"] == str(path) and record["counts"]["error"] >= 1


def test_the_terminal_summary_of_a_batch(sample_dir, tmp_path):
    result = audit(sample_dir, "--output-dir", tmp_path / "out", "--fail-on", "never")
    assert "5 个文件" in result.stdout and "index.html" in result.stdout
    for sample in SAMPLES:
        assert sample.stem[:8] in result.stdout


def test_copying_a_sample_somewhere_else_keeps_its_fingerprints(tmp_path):
    elsewhere = tmp_path / "其他机器" / SAMPLES[2].name
    elsewhere.parent.mkdir()
    shutil.copy(SAMPLES[2], elsewhere)
    here = json.loads(audit(SAMPLES[2], "--format", "json", "-q").stdout)["documents"][0]
    there = json.loads(audit(elsewhere, "--format", "json", "-q").stdout)["documents"][0]
    assert [f["fingerprint"] for f in here["findings"]] == [f["fingerprint"] for f in there["findings"]]
    assert here["findings"], "sample 002 has findings to fingerprint"


def test_an_unexpected_reader_crash_is_one_unreadable_file(tmp_path, monkeypatch):
    import auditor.engine as engine

    good = build_docx(tmp_path / "good.docx", "单位：元", [["项目", "金额"], ["合计", "3.00"], ["甲", "3.00"]])
    strange = build_docx(tmp_path / "strange.docx", "单位：元", [["项目", "金额"]])
    real = engine.read_document

    def flaky(path):
        if "strange" in str(path):
            raise RecursionError("maximum recursion depth exceeded")
        return real(path)

    monkeypatch.setattr(engine, "read_document", flaky)
    result = audit(strange, good, "-q", "--output-dir", tmp_path / "out")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "strange.docx: internal error while reading (RecursionError" in line
    assert (tmp_path / "out" / "good.html").exists()


def test_progress_is_reported_once_per_document_in_both_modes(sample_dir):
    from auditor.batch import expand, run
    from auditor.config import Config

    documents = expand([sample_dir])
    for jobs in (1, 2):
        seen = []
        outcomes = run(documents, ["SUM"], [], Config(), jobs=jobs, html=False, progress=seen.append)
        assert sorted(seen) == list(range(len(documents)))
        assert [o.result.path for o in outcomes] == [str(d) for d in documents]
        assert all(o.html is None and o.result.document is None for o in outcomes)


def test_the_garbage_collector_is_tuned_once_per_process():
    import gc

    from auditor.batch import tune_gc

    tune_gc()
    frozen = gc.get_freeze_count()
    garbage = [[i] for i in range(1000)]  # objects allocated after the first tuning
    tune_gc()
    assert gc.get_freeze_count() == frozen, "a second call must not pin what was allocated since"
    assert gc.get_threshold()[0] == 25_000
    del garbage
