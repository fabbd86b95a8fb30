"""Readers: a file in, a ``Document`` out. Dispatch on the file's suffix.

A reader never raises anything but ``ReadError`` for a file it cannot read; the
message is one line a user can act on.
"""

from __future__ import annotations

import re
from pathlib import Path

from auditor.model import Block, Document, Paragraph, Table


class ReadError(Exception):
    """The file cannot be audited; str(error) is the one-line reason."""


SUPPORTED_SUFFIXES = (".docx", ".txt", ".pdf", ".xlsx", ".xls")

# Outline numbering used as headings when a document does not use heading styles.
_OUTLINE = (
    (1, re.compile(r"^\s*(第[一二三四五六七八九十]+部分|附件\s*\d+)")),
    (2, re.compile(r"^\s*[一二三四五六七八九十]+、\S{1,40}$")),
    (3, re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\S{1,40}$")),
)


# the characters those patterns can start with (after spaces): most paragraphs start otherwise
_OUTLINE_FIRST = frozenset("第附一二三四五六七八九十（(")

CAPTION_LINES = 6  # title, 公开NN表, 部门名称, year and 单位 lines stand above a table


def outline_level(text: str) -> int:
    """1 for 第一部分/附件1, 2 for 一、…, 3 for （一）…; 0 for body text."""
    if text.lstrip()[:1] not in _OUTLINE_FIRST:  # str.lstrip and the patterns' \s agree on spaces
        return 0
    for level, pattern in _OUTLINE:
        if pattern.match(text):
            return level
    return 0


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a file, to tell its format; unreadable or empty → ReadError."""
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
    except OSError as err:
        raise ReadError(f"{path}: cannot open ({err.strerror})") from None
    if not head:
        raise ReadError(f"{path}: empty file (0 bytes)")
    return head


def assemble(path: Path, blocks: list[Block]) -> Document:
    """Give every block its section (nearest heading above) and tables their captions."""
    section = ""
    recent: list[str] = []  # the caption of the next table
    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                level = block.heading_level or outline_level(block.text)
                if level:
                    block.heading_level = level
                    section = text
                recent.append(text)
                if len(recent) > CAPTION_LINES:
                    del recent[0]
            block.section = section
        else:
            for table in block.iter_tables():
                table.section = section
            block.caption = recent
            recent = []
    return Document(path=str(path), blocks=blocks)


def read_document(path: str | Path) -> Document:
    """Read any supported file into a Document, or raise ReadError."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path}: no such file")
    if path.is_dir():
        raise ReadError(f"{path}: is a directory")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from auditor.extract.docx import read_docx

        return read_docx(path)
    if suffix == ".txt":
        from auditor.extract.text import read_text

        return read_text(path)
    if suffix == ".pdf":
        from auditor.extract.pdf import read_pdf

        return read_pdf(path)
    if suffix in (".xlsx", ".xls"):
        from auditor.extract.xlsx import read_workbook

        return read_workbook(path)
    raise ReadError(
        f"{path}: unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED_SUFFIXES)}"
    )


__all__ = ["ReadError", "read_document", "assemble", "outline_level", "Table", "Paragraph"]
