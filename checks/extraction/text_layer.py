"""EXT002 — a PDF page without a text layer (a scan: no OCR)."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.extraction._problems import problem_findings


@register
class PageWithoutText(Check):
    """页面没有文字层：扫描页或图片页，其内容未被核对。

    What: a PDF page holding images or drawings but no text characters; also a
    text page with an image covering a quarter of it (a pasted scan of a table;
    a seal or logo is smaller).
    Why: scanned pages are common in published disclosures; the auditor does no
    OCR, so the tables on that page were not checked at all.
    Failing example: page 12 is a scanned 三公经费 table → EXT002
    "页面没有文字层（第12页）：本页没有文字层（扫描件或图片），内容未读取".
    """

    code = "EXT002"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding]:
        return problem_findings(self, doc, "no-text", "页面没有文字层")
