"""EXT001 — text that did not decode: (cid:N) glyphs or U+FFFD."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.extraction._problems import problem_findings


@register
class UndecodedGlyphs(Check):
    """文字无法解码：PDF 字体缺少编码映射，出现 (cid:N) 或乱码字符。

    What: a paragraph or cell whose extracted text holds ``(cid:123)`` (a font
    without a ToUnicode map) or U+FFFD (an undecodable byte), named by page.
    Why: the figures and words there cannot be read, so no check verified them;
    silence would look like a clean audit.
    Failing example: a PDF cell reads "(cid:3542)(cid:1203) 1,234.00" on page 7
    → EXT001 "文字无法解码（字体缺少编码映射），此处未核对（第7页 表2 第5行 第1列）：
    (cid:3542)(cid:1203) 1,234.00".
    """

    code = "EXT001"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding]:
        return problem_findings(self, doc, "glyphs", "文字无法解码（字体缺少编码映射），此处未核对")
