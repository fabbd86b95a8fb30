"""The engine: crash isolation, one finding per relation, coverage, fingerprints."""

from auditor.engine import audit_document
from auditor.extract import read_document
from auditor.findings import Checked
from auditor.model import Severity
from auditor.registry import Check, select_checks
from builders import build_docx


class Crashes(Check):
    """总是崩溃的检查（测试用）。"""

    code = "TST001"

    def run(self, doc):
        yield Checked(())
        raise ValueError("boom")


def table_doc(tmp_path, total="300.00", name="t.docx", preamble=()):
    rows = [["项目", "本年支出合计", "基本支出"], ["合计", total, total], ["教育", "300.00", "300.00"]]
    return read_document(build_docx(tmp_path / name, *preamble, "支出决算表", "单位：元", rows))


def test_a_crashing_check_becomes_an_internal_error_finding_and_the_run_goes_on(tmp_path):
    result = audit_document(table_doc(tmp_path, total="301.00"), [Crashes, *select_checks(["SUM"])])
    codes = [f.check for f in result.findings]
    assert "AUD900" in codes and "SUM001" in codes
    internal = next(f for f in result.findings if f.check == "AUD900")
    assert internal.severity is Severity.WARNING and "TST001" in internal.message and "boom" in internal.message


def test_the_same_broken_relation_is_reported_once_by_the_more_specific_check(tmp_path):
    from auditor.relations import check_sum
    from auditor.tables import figure_grid

    class Specific(Check):
        """更具体的合计检查（测试用）。"""

        code = "TST002"
        priority = 10

        def run(self, doc):
            grid = figure_grid(doc.tables[0])
            total = grid[(1, 1)]
            yield check_sum(self, total, [(1, grid[(2, 1)])], "合计", "教育",
                            relation=("sum-of-rows", total.location))

    result = audit_document(table_doc(tmp_path, total="301.00"), [*select_checks(["SUM"]), Specific])
    at_total = [f for f in result.findings if f.where.to_record() == {"table": 0, "row": 1, "col": 1}]
    assert [f.check for f in at_total] == ["TST002"]


def test_fingerprints_are_stable_across_runs_and_unrelated_edits(tmp_path):
    first = audit_document(table_doc(tmp_path, total="301.00"), select_checks(["SUM"]))
    # another paragraph and another table before it shift every index
    edited = table_doc(tmp_path, total="301.00", name="u.docx", preamble=("新增的说明", [["无关", "表格"]]))
    again = audit_document(edited, select_checks(["SUM"]))
    assert again.findings[0].where.table == 1
    assert [f.fingerprint for f in first.findings] == [f.fingerprint for f in again.findings]
    assert len({f.fingerprint for f in first.findings}) == len(first.findings)


def test_fingerprint_changes_when_the_stated_figure_changes(tmp_path):
    first = audit_document(table_doc(tmp_path, total="301.00"), select_checks(["SUM001"]))
    other = audit_document(table_doc(tmp_path, total="302.00", name="v.docx"), select_checks(["SUM001"]))
    assert first.findings[0].fingerprint != other.findings[0].fingerprint


def test_selection_by_prefix_with_the_longest_prefix_winning():
    codes = lambda sel, ign: [c.code for c in select_checks(sel, ign)]  # noqa: E731
    assert codes(["SUM001"], []) == ["SUM001"]
    assert "SUM001" not in codes([], ["SUM"])
    assert codes(["SUM002"], ["SUM"]) == ["SUM002"]


def test_an_audited_document_is_freed_as_soon_as_it_is_dropped():
    """No reference cycle holds a document: a batch frees each one at once, whatever the
    garbage collector's schedule (a cycle through the reader once kept every document's XML
    and blocks alive until a full collection, and a batch's memory grew with its length)."""
    import gc
    import weakref
    from pathlib import Path

    sample = sorted((Path(__file__).parents[1] / "samples").glob("*.docx"))[1]
    gc.collect()
    gc.disable()
    try:
        result = audit_document(read_document(sample), select_checks())
        assert result.findings  # a real audit ran
        held = [weakref.ref(result.document), weakref.ref(result.document.tables[0])]
        del result
        assert [ref() for ref in held] == [None, None]
    finally:
        gc.enable()
