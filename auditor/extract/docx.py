"""The .docx reader: an lxml walk of word/document.xml in body order.

- Paragraphs and tables are read in the order they stand in ``w:body``; their
  indices follow python-docx (``Document.paragraphs`` / ``Document.tables``:
  direct children of the body). Blocks inside content controls (``w:sdt``) are
  read too, in place, with ``part="sdt"`` and their own counters.
- A table's grid is resolved from ``w:gridBefore``, ``w:gridSpan`` and
  ``w:vMerge``: a merged cell appears once at its origin with its spans.
- Cell text is its paragraphs joined by newlines; nested tables are read as
  tables of that cell.
- Text is taken from ``w:t``/``w:tab``/``w:br``/``w:cr`` of the paragraph's runs,
  hyperlinks and tracked insertions; deleted text, field codes, text boxes and
  alternate-content fallbacks are left out. Headers and footers are not read.
- Hostile files are refused with a one-line reason: not a zip, encrypted
  (OLE container), missing main part, oversized parts (zip bombs), DTDs
  (entity expansion, external entities).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from lxml import etree

from auditor.extract import ReadError, assemble, read_head
from auditor.model import Block, Cell, Document, Paragraph, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_PART_BYTES = 200 * 1024 * 1024  # decompressed size of one XML part
MAX_RATIO = 200  # decompressed / compressed beyond this is a zip bomb, not a document

SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{W}instrText", f"{W}delText", MC_FALLBACK,
           f"{W}pPr", f"{W}rPr", f"{W}footnoteReference", f"{W}commentReference"}
WRAPPERS = {f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}moveTo", f"{W}smartTag"}
HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)

# tag names built once: the reader visits every paragraph and cell of the document
_T, _R, _BR, _TYPE = f"{W}t", f"{W}r", f"{W}br", f"{W}type"
_FIXED_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
_TR, _TC, _P, _TBL, _SDT, _SDT_CONTENT = f"{W}tr", f"{W}tc", f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}sdtContent"
_TR_PR, _TC_PR, _VAL = f"{W}trPr", f"{W}tcPr", f"{W}val"
_GRID_BEFORE, _GRID_SPAN, _V_MERGE = f"{W}gridBefore", f"{W}gridSpan", f"{W}vMerge"
_P_PR, _P_STYLE, _OUTLINE_LVL = f"{W}pPr", f"{W}pStyle", f"{W}outlineLvl"

# styles.xml content → heading levels: documents made from one template share a large styles
# part (hundreds of KB), whose parse would cost as much as the document's own. Keyed by the
# part's CRC-32 and size from the zip directory, and compared in full on a hit: hashing the
# content itself would cost a third of its decompression
_STYLE_LEVELS: dict[tuple[int, int], tuple[bytes, dict[str, int]]] = {}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10_000_000
    ):
        raise ReadError(f"{name} would decompress to {info.file_size:,} bytes: refused as a zip bomb")
    with archive.open(info) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ReadError(f"{name} is larger than {MAX_PART_BYTES:,} bytes: refused")
    return data


def _parse_xml(data: bytes, name: str) -> etree._Element:
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536]:
        raise ReadError(f"{name} declares a DTD or entities (not valid in .docx): refused")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as err:
        raise ReadError(f"{name} is not well-formed XML: {err}") from None


def _main_part_name(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        rels = _parse_xml(_read_part(archive, "_rels/.rels"), "_rels/.rels")
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type") == OFFICE_DOCUMENT:
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise ReadError("no main document part (word/document.xml): not a Word document")


def _heading_styles(archive: zipfile.ZipFile, main: str) -> dict[str, int]:
    """styleId → heading level, from the style name or its outline level."""
    name = str(PurePosixPath(main).parent / "styles.xml")
    if name not in archive.namelist():
        return {}
    data = _read_part(archive, name)
    info = archive.getinfo(name)
    key = (info.CRC, info.file_size)
    known = _STYLE_LEVELS.get(key)
    if known is not None and known[0] == data:
        return known[1]
    levels = _read_heading_styles(_parse_xml(data, name))
    _STYLE_LEVELS.pop(key, None)
    if len(_STYLE_LEVELS) >= 16:
        del _STYLE_LEVELS[next(iter(_STYLE_LEVELS))]
    _STYLE_LEVELS[key] = data, levels
    return levels


def _read_heading_styles(root: etree._Element) -> dict[str, int]:
    levels = {}
    for style in root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId")
        style_name = _first(style, f"{W}name")
        label = style_name.get(f"{W}val", "") if style_name is not None else ""
        match = HEADING_NAME.match(label.strip())
        outline = _grandchild(style, _P_PR, _OUTLINE_LVL)
        if match:
            levels[sid] = int(match.group(1))
        elif label.strip().lower() == "title":
            levels[sid] = 1
        elif outline is not None and outline.get(f"{W}val", "").isdecimal() and int(outline.get(f"{W}val")) < 9:
            levels[sid] = int(outline.get(f"{W}val")) + 1
    return levels


def _first(node: etree._Element | None, tag: str) -> etree._Element | None:
    """``node.find(tag)`` for a direct child: a plain loop, cheaper than ElementPath or
    iterchildren(tag) on the few children of a property element."""
    if node is not None:
        for child in node:
            if child.tag == tag:
                return child
    return None


def _grandchild(node: etree._Element, outer: str, inner: str) -> etree._Element | None:
    """``node.find("outer/inner")`` without ElementPath."""
    for middle in node:
        if middle.tag == outer:
            for found in middle:
                if found.tag == inner:
                    return found
    return None


def _collect_text(node: etree._Element, out: list[str]) -> None:
    for child in node:
        tag = child.tag
        if tag == _T:  # the common cases first: text, and the run holding it
            out.append(child.text or "")
        elif tag == _R:
            _collect_text(child, out)
        elif tag in SKIPPED or not isinstance(tag, str):
            continue
        elif tag in _FIXED_TEXT:
            out.append(_FIXED_TEXT[tag])
        elif tag == _BR:
            if child.get(_TYPE) in (None, "textWrapping"):
                out.append("\n")
        else:
            _collect_text(child, out)


def _text(element: etree._Element) -> str:
    """A paragraph's visible text, as python-docx's Run.text renders it."""
    out: list[str] = []
    _collect_text(element, out)
    return "".join(out)


# what makes a paragraph more than runs of plain text: its text is then read by the walk above
_NOT_PLAIN = (SKIPPED - {f"{W}pPr", f"{W}rPr"}) | set(_FIXED_TEXT) | {_BR}
# the properties the walk reads → the element holding them: a row's or a cell's first
# w:trPr/w:tcPr, any w:pPr of a paragraph
_PROPERTIES = {_GRID_BEFORE: _TR_PR, _GRID_SPAN: _TC_PR, _V_MERGE: _TC_PR, _P_STYLE: _P_PR, _OUTLINE_LVL: _P_PR}


class _Body:
    """What the walk needs of every paragraph, cell and row, from three passes over the body in
    which lxml picks out in C the paragraphs, their w:t, and the few rarer tags that matter (a
    walk per paragraph or per cell would visit every run, every property and their children in
    Python; one pass over all of them would have to build every element's tag string to tell
    them apart).

    A paragraph all of whose w:t sit in its own runs (p/r/t) and which holds nothing of
    ``_NOT_PLAIN`` (tabs, breaks, deletions, text boxes …) reads as its w:t texts in order;
    any other is read by ``_text``. Properties (``_PROPERTIES``) are the first of their tag,
    kept only for the rows, cells and paragraphs that have them. A cell's content is its
    paragraphs, unless it holds a table or a wrapper (sdt …), which ``_cell_content`` then
    looks through; rows and tables without wrappers have their children picked out in C."""

    def __init__(self, body: etree._Element):
        # elements are kept alive as keys: lxml then hands out the same proxy on the next visit
        self.texts: dict[etree._Element, list[str]] = {}  # paragraph → its text in pieces
        # container → its first paragraph's texts, kept for the containers holding no table or
        # wrapper (``not_flat``); and all their paragraphs' texts where there are several (most
        # cells hold one paragraph: one list fewer per cell)
        self.flat: dict[etree._Element, list[str]] = {}
        self.several: dict[etree._Element, list[list[str]]] = {}
        self.not_flat: set[etree._Element] = set()
        self.properties: dict[etree._Element, dict[str, etree._Element]] = {}  # owner → tag → element
        texts_of, flat = self.texts, self.flat
        for paragraph in body.iter(_P):
            texts_of[paragraph] = texts = []
            container = paragraph.getparent()
            first = flat.setdefault(container, texts)
            if first is not texts:
                self.several.setdefault(container, [first]).append(texts)
        other: set[etree._Element] = set()  # paragraphs read by ``_text``
        for element in body.iter(_T):
            run = element.getparent()
            texts = texts_of.get(run.getparent())
            if texts is not None and run.tag == _R:
                texts.append(element.text or "")
            else:
                other.update(element.iterancestors(_P))
        for element in body.iter(_TBL, *_PROPERTIES, *WRAPPERS, *_NOT_PLAIN):
            tag = element.tag
            if tag == _TBL or tag in WRAPPERS:
                self.not_flat.add(element.getparent())
            elif tag in _PROPERTIES:
                holder, wanted = element.getparent(), _PROPERTIES[tag]
                if holder.tag == wanted:
                    owner = holder.getparent()
                    found = self.properties.setdefault(owner, {})
                    if tag not in found and (wanted == _P_PR or _first(owner, wanted) is holder):
                        found[tag] = element
            else:
                other.update(element.iterancestors(_P))
        for paragraph in other:
            texts_of[paragraph][:] = [_text(paragraph)]
        for container in self.not_flat:
            flat.pop(container, None)

    def text(self, paragraph: etree._Element) -> str:
        return "".join(self.texts[paragraph])

    def children(self, node: etree._Element, tag: str) -> Iterable[etree._Element]:
        """Direct children with ``tag``, looking through sdt/customXml wrappers."""
        return _children(node, tag) if node in self.not_flat else node.iterchildren(tag)

    def content(self, cell: etree._Element) -> tuple[str, list[etree._Element]]:
        """A w:tc's text (its paragraphs joined by newlines) and nested tables, in order, looking
        through wrappers (a flat cell's paragraphs are in ``flat``)."""
        paragraphs: list[etree._Element] = []
        tables: list[etree._Element] = []
        _cell_content(cell, paragraphs, tables)
        return "\n".join([self.text(p) for p in paragraphs]), tables


def _children(node: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with ``tag``, looking through sdt/customXml wrappers."""
    out = []
    for child in node:
        found = child.tag  # lxml builds the tag string on every access
        if found == tag:
            out.append(child)
        elif found in WRAPPERS:
            content = _content(child)
            if content is not None:
                out.extend(_children(content, tag))
    return out


def _content(wrapper: etree._Element) -> etree._Element | None:
    return _first(wrapper, _SDT_CONTENT) if wrapper.tag == _SDT else wrapper


def _int_attr(node: etree._Element | None, default: int) -> int:
    if node is None:
        return default
    value = node.get(_VAL, "")
    return int(value) if value.isdecimal() else default  # isdigit admits "²", which int() refuses


def _cell_content(node: etree._Element, paragraphs: list, tables: list) -> None:
    """A cell's paragraphs and nested tables, in order, looking through wrappers."""
    for child in node:
        tag = child.tag
        if tag == _P:
            paragraphs.append(child)
        elif tag == _TBL:
            tables.append(child)
        elif tag in WRAPPERS:
            content = _content(child)
            if content is not None:
                _cell_content(content, paragraphs, tables)


def _span_and_above(properties: dict[str, etree._Element], previous: list[Cell | None],
                    col: int) -> tuple[int, Cell | None]:
    """A cell's w:gridSpan (at least 1), and the cell above that it continues (w:vMerge) or None."""
    span = max(1, _int_attr(properties.get(_GRID_SPAN), 1))
    merge = properties.get(_V_MERGE)
    if merge is None or merge.get(_VAL) == "restart" or col >= len(previous):
        return span, None
    return span, previous[col]


def _read_table(tbl: etree._Element, index: int, nested: tuple, part: str, body: _Body) -> Table:
    """A w:tbl's grid, spans and merges resolved, with the tables nested in its cells."""
    grid: list[list[Cell | None]] = []
    previous: list[Cell | None] = []
    origins: list[Cell] = []
    properties, flat, several = body.properties, body.flat, body.several
    for r, tr in enumerate(body.children(tbl, _TR)):
        own = properties.get(tr)
        col = _int_attr(own.get(_GRID_BEFORE), 0) if own else 0
        row: list[Cell | None] = [None] * col
        for tc in body.children(tr, _TC):
            own = properties.get(tc)
            span, above = _span_and_above(own, previous, col) if own else (1, None)
            if above is not None:
                above.row_span = r - above.row + 1
                cell = above
            else:
                texts = flat.get(tc)
                if texts is not None:  # most cells: paragraphs only, most often one
                    paragraphs = several.get(tc)
                    text, tables = "".join(texts) if paragraphs is None else "\n".join(map("".join, paragraphs)), ()
                else:
                    text, inner = body.content(tc)
                    tables = [_read_table(t, index, nested + ((r, col, k),), part, body)
                              for k, t in enumerate(inner)] or ()
                cell = Cell(r, col, text, 1, span, tables)
                origins.append(cell)
            if span == 1:
                row.append(cell)
            else:
                row.extend([cell] * span)
            col += span
        grid.append(row)
        previous = row
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    table = Table(index=index, grid=grid, nested=nested, part=part)
    table.cells = origins  # made in row-major order: spares the table finding them again
    return table


def _heading_level(properties: dict[str, etree._Element], headings: dict[str, int]) -> int:
    """A paragraph's heading level from its style, else from its outline level (0 for body text)."""
    style = properties.get(_P_STYLE)
    level = headings.get(style.get(_VAL), 0) if style is not None else 0
    outline = _int_attr(properties.get(_OUTLINE_LVL), 9)
    return level or (outline + 1 if outline < 9 else 0)


def _read_body(root: etree._Element, headings: dict[str, int]) -> list[Block]:
    blocks: list[Block] = []
    _visit(root, "body", _Body(root), headings, {"body": [0, 0], "sdt": [0, 0]}, blocks)
    return blocks


def _visit(node: etree._Element, part: str, body: _Body, headings: dict[str, int],
           counters: dict[str, list[int]], blocks: list[Block]) -> None:
    """Append the paragraphs and tables of ``node`` to ``blocks``, looking through wrappers;
    ``counters``: part → [paragraphs, tables] so far. (A module function, not a nested one: a
    recursive closure is a reference cycle, which would keep the document's elements and blocks
    alive until the garbage collector's next full run.)"""
    for child in node:
        tag = child.tag
        if tag == _P:
            own = body.properties.get(child)
            level = _heading_level(own, headings) if own else 0
            blocks.append(Paragraph(counters[part][0], body.text(child), heading_level=level, part=part))
            counters[part][0] += 1
        elif tag == _TBL:
            blocks.append(_read_table(child, counters[part][1], (), part, body))
            counters[part][1] += 1
        elif tag in WRAPPERS:
            content = _content(child)
            if content is not None:
                _visit(content, "sdt", body, headings, counters, blocks)


def read_docx(path: Path) -> Document:
    if read_head(path, 8) == OLE_MAGIC:
        raise ReadError(f"{path}: password-protected (encrypted) or legacy .doc file; save it as an unprotected .docx")
    try:
        with zipfile.ZipFile(path) as archive:
            main = _main_part_name(archive)
            root = _parse_xml(_read_part(archive, main), main)
            headings = _heading_styles(archive, main)
    except ReadError as err:
        raise ReadError(f"{path}: {err}") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, OSError, RuntimeError) as err:
        raise ReadError(f"{path}: not a valid .docx (broken zip archive: {err})") from None
    body = root.find(f"{W}body")
    if body is None:
        raise ReadError(f"{path}: {main} has no w:body: not a Word document")
    return assemble(path, _read_body(body, headings))
