"""DOC003 — years in headings, titles and dated phrases agree with the report year."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.findings import Finding
from auditor.model import Document, Paragraph, Severity
from auditor.numbers import normalise
from auditor.registry import Check, register
from checks.document._cover import disclosure
from checks.document._text import text_spans

YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")  # a year, not a date
AS_OF = re.compile(r"截[至止]\s*(20\d{2})\s*年\s*12\s*月\s*31\s*日")
VERSUS = re.compile(r"(?:与|比|较|同比)\s*(20\d{2})\s*年度?(?:相比|同期)?")
TITLE_LENGTH = 40  # longer caption lines are running text, not titles
# "20 年", "202 年度", "202年度": opening on the literal 2 lets re skip to the 2s of the text
TRUNCATED = re.compile(r"2(?<!\d2)(?:(?:0\d|\d|0)\s+年度?|0\d年度)")


@register
class YearConsistency(Check):
    """年份不一致：标题、表名、目录或“截至…”“与…年相比”中的年份与报告年度不符。

    What: reads the report year N from the cover ("2022年度部门决算公开"); then
    headings, table titles and 目录 lines may only name N or N−1; "截至Y年12月31日"
    must be N; "与Y年相比 / 比Y年 / 较Y年" must be N−1; a truncated year
    ("202 年度") is flagged. Dates (Y年M月D日) are not checked.
    Why: copying last year's disclosure and forgetting a year is common; a wrong
    year in a title or a comparison misstates what the figures describe.
    Failing example: report year 2022 and "与2020年相比，收入总计减少…"
    → DOC003 warning: 比较年份应为2021年.
    """

    code = "DOC003"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding]:
        info = disclosure(doc)
        for where, match, text in text_spans(doc, TRUNCATED, needs=TRUNCATED):
            yield self.finding(f"年份不完整：“{text[match.start():match.end()].strip()}”", location=where,
                               relation=("year", where))
        if info.year is None:
            return
        n = info.year
        for where, match, _ in text_spans(doc, AS_OF, needs="截"):
            if int(match.group(1)) != n:
                yield self._wrong(where, match.group(1), n, f"“截至…12月31日”应为报告年度{n}年")
        for where, match, _ in text_spans(doc, VERSUS, cells=False, needs=VERSUS):
            if int(match.group(1)) not in (n - 1,) and not (info.kind == "budget" and int(match.group(1)) == n):
                yield self._wrong(where, match.group(1), n - 1, f"与上年比较的年份应为{n - 1}年")
        for paragraph in _titles(doc):
            for match in YEAR.finditer(normalise(paragraph.text)):
                year = int(match.group(1))
                if year not in (n, n - 1):
                    where = paragraph.location.with_span(match.start(1), match.end(1))
                    yield self._wrong(where, match.group(1), n, f"标题中的年份应为报告年度{n}年（或上年{n - 1}年）")

    def _wrong(self, where, stated: str, expected: int, why: str) -> Finding:
        return self.finding(f"年份 {stated}年 与报告年度不符：{why}", location=where,
                            relation=("year", where))


def _titles(doc: Document) -> Iterable[Paragraph]:
    """Headings, table captions and 目录 lines: where only N and N−1 belong."""
    caption_texts = {line for table in doc.tables for line in table.caption if len(line) <= TITLE_LENGTH}
    for paragraph in doc.paragraphs:
        text = paragraph.text.strip()
        if paragraph.heading_level or text in caption_texts or "...." in text or "……" in text:  # 目录 leaders
            yield paragraph
