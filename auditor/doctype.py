"""What kind of disclosure a document is and which year it reports on.

Read from the cover (the lines before the first table or 目录): a line naming
a kind (决算/预算/绩效自评) with its year on the same line or just below
("晋中市部门整体支出绩效自评表" / "(2021 年度)"). Without such a cover, the
year and kind most often named together in the text ("2021年部门决算") decide.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from auditor.model import Document, Paragraph

KIND = re.compile(r"决算|预算|绩效自评|绩效评价|自评")
YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
NAMED = re.compile(r"(?<!\d)(20\d{2})\s*年度?\s*(?:部门|单位)\S{0,6}?(决算|预算)|(?<!\d)(20\d{2})\s*年度?\S{0,12}?(绩效自评|绩效评价)")
KINDS = {"决算": "final", "预算": "budget"}
COVER_LINES = 15


@dataclass(frozen=True)
class DocumentType:
    year: int | None  # the report year N
    kind: str | None  # "final" (决算), "budget" (预算), "performance" (绩效自评) or None
    source: Paragraph | None  # the line the year was read from


def _kind(word: str) -> str:
    return KINDS.get(word, "performance")


def _cover(doc: Document) -> list[Paragraph]:
    lines = []
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            break
        text = block.text.strip().replace(" ", "")
        if text in ("目录", "目次"):
            break
        if text:
            lines.append(block)
        if len(lines) >= COVER_LINES:
            break
    return lines


def document_type(doc: Document) -> DocumentType:
    cover = _cover(doc)
    for i, paragraph in enumerate(cover):
        kind = KIND.search(paragraph.text)
        if not kind:
            continue
        for candidate in cover[i:i + 3]:
            year = YEAR.search(candidate.text)
            if year:
                return DocumentType(int(year.group(1)), _kind(kind.group(0)), candidate)
    named: Counter = Counter()
    first: dict = {}
    for paragraph in doc.paragraphs:
        for match in NAMED.finditer(paragraph.text):
            key = (int(match.group(1) or match.group(3)), _kind(match.group(2) or match.group(4)))
            named[key] += 1
            first.setdefault(key, paragraph)
    if named:
        (year, kind), _ = named.most_common(1)[0]
        return DocumentType(year, kind, first[(year, kind)])
    return DocumentType(None, None, None)
