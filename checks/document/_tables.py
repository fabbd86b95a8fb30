"""What the text says about the standard tables: the 目录 entries, and sentences
stating that the department had no such income or expenditure."""

from __future__ import annotations

import re

from auditor.memo import once_per
from auditor.model import Document, Location
from auditor.numbers import normalise
from auditor.statements.recognise import kind_of_title
from checks.document._text import text_spans

TOC_ENTRY = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|\d+[、.])?\s*(?P<title>\S.*?表)\s*(?:[.…·]{2,}|\t)\s*\d+\s*$")
# the words that name a table in a "无…收支" sentence
SUBJECT = {"gov_fund": "政府性基金", "state_capital": "国有资本经营", "three_public": "三公"}
NONE_STATEMENT = {
    key: re.compile(rf"(?:无|没有|未发生|未安排)[^。；;]{{0,25}}{subject}"
                    rf"|{subject}[^。；;]{{0,40}}(?:无数据|为空表|空表|未发生|均为0|为零)")
    for key, subject in SUBJECT.items()
}


@once_per
def toc_entries(doc: Document) -> dict[str, Location]:
    """Standard tables listed in the 目录 — as lines, or as rows of a 目录 table
    ("七、…决算表….. | 18") — kind key → where the entry is."""
    entries: dict[str, Location] = {}
    candidates = [(p.location, p.text) for p in doc.paragraphs]
    for table in doc.tables:
        for row in range(table.n_rows):
            cells = table.row_origins(row)
            if any("表" in c.text for c in cells):  # an entry names a …表 (no other character folds to 表)
                candidates.append((table.location(row, cells[0].col), "\t".join(c.text for c in cells)))
    for where, text in candidates:
        match = TOC_ENTRY.match(normalise(text))
        if match:
            kind = kind_of_title(re.sub(r"\s+", "", match["title"]))
            if kind is not None:
                entries.setdefault(kind.key, where)
    return entries


def none_statement(doc: Document, key: str) -> Location | None:
    """Where the text says there was no such income/expenditure (本单位无政府性基金收支,
    …故本表无数据/为空表), or None."""
    if key not in SUBJECT:
        return None
    return next((where for where, _, _ in text_spans(doc, NONE_STATEMENT[key], cells=False, needs=SUBJECT[key])),
                None)


