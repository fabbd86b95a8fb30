"""The PDF reader (pdfplumber, optional extra ``auditor[pdf]``): pages → the document model.

Per page (after ``dedupe_chars()``, which undoes fake-bold overprinting):
- tables come from ruled lines; a region framed by horizontal rules only (三线表)
  is read from text alignment;
- the text outside tables becomes lines, in reading order (top to bottom).
Across pages:
- running headers/footers (the first or last line of a page repeating, digits
  masked, on several pages) and page numbers ("- 3 -", "第3页", "3/12") are dropped;
- lines are merged into paragraphs: a line that reaches the right margin
  continues on the next one (also across a page break) unless the next is indented,
  set apart by a larger gap or in another font size;
- a table that starts a page continues the table that ended the previous page
  when its header rows repeat (the repeat is dropped) or its column edges line up
  ("续表" or its title/unit line printed again in between is dropped); a row broken
  by the page (only text, under cells whose last line was still running; an empty
  first column or 行次/code) is glued back.
Locations carry the 1-based page (a table row carries the page it is printed on).
Extraction failures become ``Document.problems`` (reported by the EXT checks):
``(cid:N)``/U+FFFD glyphs, a page without a text layer (scanned; no OCR) or with a
large image, a table grid that cannot be resolved, columns of amounts without rules.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from auditor.extract import CAPTION_LINES, ReadError, assemble, read_head
from auditor.model import Block, Cell, Document, ExtractionProblem, Location, Paragraph, Table
from auditor.numbers import parse_cell

LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"[Pp]age\s*\d+(?:\s*of\s*\d+)?|\d{1,4})\s*$"
)
BAD_GLYPH = re.compile(r"\(cid:\d+\)|\ufffd")
# Literal space glyphs are kept; gaps become spaces only when wide (a Word/WPS export
# widens the gap between CJK and Latin text, which is not a space in the source).
TEXT = {"keep_blank_chars": True, "x_tolerance": 6}
CELL_PADDING = 6.0  # points: a cell's right margin (Word's default is 5.4)
SNAP = 2.0  # points: edges closer than this are one grid line
EDGE_MATCH = 3.0  # points: column edges of two table parts that line up
AMOUNT = re.compile(r"^[-−(（]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)[)）]?$")
CAPTION_LIKE = re.compile(r"单位|[^\d\s]{2,}表(?:[（(][^)）]*[)）])?$")  # a table's own lines, not a running header
IMAGE_SHARE = 0.25  # an image covering this share of a text page may hide a table
CONTINUED = re.compile(r"^\s*[（(]?\s*续(?:表|上表)?\s*\d*\s*[)）]?\s*$|续表")
SENTENCE_END = re.compile(r"[。；！？：:;!?]\s*$")
ASCII_WORD = re.compile(r"[A-Za-z]")


@dataclass
class _Line:
    page: int
    page_width: float  # margins are measured among pages of the same width (portrait/landscape)
    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class _Part:
    """One page's piece of a table: its grid, its column edges and row pages."""

    page: int
    top: float
    bottom: float
    rows: list[list[Cell | None]]
    xs: list[float]
    problems: list[str] = field(default_factory=list)
    full: set[int] = field(default_factory=set)  # ids of cells whose last line fills the cell: it may go on


def _join(lines: list[str]) -> str:
    """Lines of one paragraph or cell: CJK and numbers join directly ("1309399." + "23"),
    Latin words keep a space."""
    out = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if out and ASCII_WORD.match(out[-1]) and ASCII_WORD.match(line[0]):
            out += " "
        out += line
    return out


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    i = bisect.bisect_left(edges, value - SNAP)
    return min(i, len(edges) - 1)


def _read_part(page, found, number: int) -> _Part:
    """A pdfplumber table → a grid with spans; text from the chars whose centre is in a cell.
    A cell's lines are joined directly: a line break inside a cell is almost always a soft
    wrap (a long label, or a number too wide for its column: "1309399." + "23")."""
    from pdfplumber.utils import extract_text

    boxes = [c for c in found.cells if c is not None]
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    problems = []
    for x0, top, x1, bottom in boxes:
        r0, r1, c0, c1 = _index(ys, top), _index(ys, bottom), _index(xs, x0), _index(xs, x1)
        if r1 <= r0 or c1 <= c0:
            continue
        if any(grid[r][c] is not None for r in range(r0, r1) for c in range(c0, c1)):
            problems.append(f"重叠的单元格（第{r0 + 1}行第{c0 + 1}列）")
            continue
        cell = Cell(r0, c0, "", row_span=r1 - r0, col_span=c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = cell
    chars: dict[int, list[dict]] = {}
    x0, top, x1, bottom = found.bbox
    for ch in page.chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        r, c = bisect.bisect_right(ys, cy) - 1, bisect.bisect_right(xs, cx) - 1
        if 0 <= r < n_rows and 0 <= c < n_cols and grid[r][c] is not None:
            chars.setdefault(id(grid[r][c]), []).append(ch)
    full = set()
    for row in grid:
        for cell in row:
            if cell is not None and id(cell) in chars:
                own = chars.pop(id(cell))
                cell.text = _join(extract_text(own, **TEXT).split("\n"))
                last = max(ch["top"] for ch in own)
                tail = [ch for ch in own if last - ch["top"] < 0.5 * (ch["bottom"] - ch["top"])]
                slack = CELL_PADDING + 2.5 * max(ch["size"] for ch in tail)
                if max(ch["x1"] for ch in tail) >= xs[cell.col + cell.col_span] - slack:
                    full.add(id(cell))
    holes = sum(cell is None for row in grid for cell in row)
    if n_rows and n_cols and holes > n_rows * n_cols // 4:
        problems.append(f"{holes} 个网格位置不属于任何单元格")
    return _Part(number, top, bottom, grid, xs, problems, full)


def _aligned_part(region, bbox: tuple, number: int) -> _Part | None:
    """A table without vertical rules: each text line is a row; columns are split where no
    line has text (the gaps of the words' horizontal projection)."""
    words = region.extract_words(**TEXT)
    if not words:
        return None
    spans = sorted((w["x0"], w["x1"]) for w in words)
    xs = [bbox[0]]
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= TEXT["x_tolerance"]:
            xs.append((reach + x0) / 2)
        reach = max(reach, x1)
    xs.append(bbox[2])
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= word["bottom"] - word["top"] - SNAP:
            lines[-1].append(word)
        else:
            lines.append([word])
    if len(xs) < 3 or len(lines) < 2:
        return None
    rows: list[list[Cell | None]] = []
    for r, line in enumerate(lines):
        texts: list[list[str]] = [[] for _ in range(len(xs) - 1)]
        for word in sorted(line, key=lambda w: w["x0"]):
            texts[bisect.bisect_right(xs, (word["x0"] + word["x1"]) / 2) - 1].append(word["text"])
        rows.append([Cell(r, c, " ".join(t)) for c, t in enumerate(texts)])
    return _Part(number, bbox[1], bbox[3], rows, xs)


def _rule_groups(page, regions: list[tuple]) -> list[tuple[float, float, float, float]]:
    """Regions (x0, top, x1, bottom) framed by three or more horizontal rules of the same width
    outside the ruled tables: 三线表. Rules in the top and bottom tenth of the page (under a running
    header, over a footer) and short rules are not table rules."""
    groups: dict[tuple[int, int], list[float]] = {}
    for edge in page.horizontal_edges:
        if edge["x1"] - edge["x0"] < page.width / 3 or not 0.1 * page.height < edge["top"] < 0.9 * page.height:
            continue
        if any(r[1] - SNAP <= edge["top"] <= r[3] + SNAP and r[0] - SNAP <= edge["x0"] <= r[2] for r in regions):
            continue
        tops = groups.setdefault((round(edge["x0"] / SNAP), round(edge["x1"] / SNAP)), [])
        if not any(abs(t - edge["top"]) <= SNAP for t in tops):  # a thick rule is drawn as two edges
            tops.append(edge["top"])
    return [(x0 * SNAP, min(tops), x1 * SNAP, max(tops)) for (x0, x1), tops in groups.items() if len(tops) >= 3]


def _page_tables(page, number: int) -> list[_Part]:
    found = page.find_tables(LINES)
    parts = [_read_part(page, t, number) for t in found if len(t.rows) > 1 or len(t.columns) > 1]
    for x0, top, x1, bottom in _rule_groups(page, [t.bbox for t in found]):
        # a 三线表: columns (and rows) from text alignment between its top and bottom rules
        bbox = (x0 - 1, top - 1, x1 + 1, bottom + 1)
        part = _aligned_part(page.within_bbox(bbox, strict=False), bbox, number)
        if part is not None:
            parts.append(part)
    return sorted(parts, key=lambda p: p.top)


def _page_lines(page, number: int, parts: list[_Part]) -> list[_Line]:
    def outside(obj) -> bool:
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(p.top - 1 <= cy <= p.bottom + 1 and p.xs[0] - 1 <= obj["x0"] <= p.xs[-1] + 1 for p in parts)

    text_only = page.filter(lambda obj: obj.get("object_type") == "char" and outside(obj))
    return [
        _Line(number, page.width, ln["x0"], ln["x1"], ln["top"], ln["bottom"], ln["text"])
        for ln in text_only.extract_text_lines(return_chars=False, **TEXT)
        if ln["text"].strip()
    ]


def _running_lines(pages: list[list]) -> set[int]:
    """ids of page headers/footers: first/last lines that repeat (digits masked) or are page numbers."""
    ends = []
    for items in pages:
        lines = [it for it in items if isinstance(it, _Line)]
        if lines:
            ends.extend({id(lines[0]): lines[0], id(lines[-1]): lines[-1]}.values())
    masked = [re.sub(r"\d+", "#", ln.text.replace(" ", "")) for ln in ends]
    counts: dict[str, set[int]] = {}
    for ln, key in zip(ends, masked):
        counts.setdefault(key, set()).add(ln.page)
    repeat = max(2, len(pages) // 3)
    return {
        id(ln)
        for ln, key in zip(ends, masked)
        if PAGE_NUMBER.match(ln.text)
        or (len(pages) > 2 and len(counts[key]) >= repeat and not CAPTION_LIKE.search(ln.text.strip()))
    }


def _starts_paragraph(prev: _Line, line: _Line, margins: dict[int, tuple[float, float]]) -> bool:
    size = max(prev.height, 1.0)
    gap = margins[round(prev.page_width)][1] - prev.x1
    # A line stopping short ends its paragraph, unless it ends mid-sentence and only a
    # word-plus-punctuation that may not be split ("19584" | "人，") was pushed down.
    if gap > 1.6 * size and (gap > 3.2 * size or SENTENCE_END.search(prev.text)):
        return True
    if line.x0 > margins[round(line.page_width)][0] + 1.2 * size:  # indented first line
        return True
    if abs(line.height - prev.height) > 0.25 * size:  # another font size: a heading
        return True
    if line.page == prev.page and line.top - prev.bottom > 0.8 * size:  # paragraph spacing
        return True
    return False


def _same_columns(a: _Part, b: _Part) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= EDGE_MATCH for x, y in zip(a.xs, b.xs))


def _row_texts(rows: list[list[Cell | None]], r: int) -> list[str]:
    return [_squeeze(c.text) if c is not None and c.row == r else "" for c in rows[r]]


def _repeated_header(first: _Part, part: _Part) -> int:
    """How many leading rows of ``part`` repeat the leading rows of ``first``."""
    n = 0
    while (n < len(part.rows) and n < len(first.rows) and len(part.rows[n]) == len(first.rows[n])
           and _row_texts(part.rows, n) == _row_texts(first.rows, n) and any(_row_texts(part.rows, n))
           and not any(parse_cell(t) for t in _row_texts(part.rows, n) if t)):
        n += 1
    return n


def _numbered_columns(rows: list[list[Cell | None]]) -> set[int]:
    """Columns holding a number in (nearly) every row that holds any: 行次, codes, amounts."""
    numeric = [[c is not None and parse_cell(c.text) is not None for c in row] for row in rows]
    numeric = [flags for flags in numeric if any(flags)]
    if len(numeric) < 3:
        return set()
    width = max(len(flags) for flags in numeric)
    return {c for c in range(width)
            if sum(c < len(flags) and flags[c] for flags in numeric) >= 0.9 * len(numeric)}


def _is_fragment(rows: list[list[Cell | None]], full: set[int], row: list[Cell | None], r: int) -> bool:
    """The tail of the last row of ``rows``, broken off by the page: no number; text only under
    text cells whose last line fills the cell (it was still running); and an empty first
    column, or empty where every row of the table has a number (its 行次 or code)."""
    texts = [c.text.strip() if c is not None and c.row == r else "" for c in row]
    if not any(texts) or any(parse_cell(t) is not None for t in texts if t):
        return False
    prev = rows[-1]
    for c, text in enumerate(texts):
        above = prev[c] if c < len(prev) else None
        if text and (above is None or id(above) not in full or parse_cell(above.text) is not None):
            return False
    return not texts[0] or any(c < len(texts) and not texts[c] for c in _numbered_columns(rows))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unique(cells) -> list[Cell]:
    return list({id(c): c for c in cells if c is not None}.values())


class _TableBuilder:
    """Parts of one logical table, joined across pages."""

    def __init__(self, part: _Part, captions: set[str] = frozenset()):
        self.captions = captions  # the title lines above it, which a continuation may repeat
        self.first = part
        self.rows: list[list[Cell | None]] = [list(r) for r in part.rows]
        self.pages = [part.page] * len(part.rows)
        self.problems = [(part.page, p) for p in part.problems]
        self.full = set(part.full)  # cells whose text may run on past the page
        self.last = part

    def accepts(self, part: _Part) -> bool:
        return _repeated_header(self.first, part) > 0 or _same_columns(self.last, part)

    def extend(self, part: _Part) -> None:
        skip = _repeated_header(self.first, part)
        rows = part.rows[skip:]
        if rows and self.rows and _is_fragment(self.rows, self.full, rows[0], skip):
            above = self.rows[-1]
            for cell in _unique(rows[0]):
                if cell.row == skip and cell.text.strip():
                    target = above[cell.col]
                    target.text = _join([target.text, cell.text])
                    if id(cell) in part.full:  # still running: it may go on over the next page too
                        part.full.add(id(target))
            rows = rows[1:]
            skip += 1
        offset = len(self.rows) - skip
        width = len(self.rows[0]) if self.rows else 0
        for cell in _unique(c for row in rows for c in row):
            if cell.row >= skip:
                cell.row += offset
            else:  # merged down from a dropped row: it cannot be placed
                self.problems.append((part.page, "续表的合并单元格跨越了重复的表头或断行"))
        for row in rows:
            self.rows.append((row + [None] * (width - len(row)))[:width] if width else row)
        self.pages.extend([part.page] * len(rows))
        self.problems.extend((part.page, p) for p in part.problems)
        self.full = part.full
        self.last = part

    def build(self, index: int) -> Table:
        return Table(index=index, grid=self.rows, row_pages=self.pages)


def _overprinted(chars: list[dict]) -> bool:
    """Whether a glyph is printed twice at (almost) the same spot — fake bold, which
    ``dedupe_chars()`` undoes (it is slow, so it runs only when needed)."""
    seen: dict[tuple[str, int], list[float]] = {}
    for ch in chars:
        if ch["text"].isspace():
            continue
        xs = seen.setdefault((ch["text"], round(ch["top"])), [])
        if any(abs(x - ch["x0"]) < 1.5 for x in xs):
            return True
        xs.append(ch["x0"])
    return False


def _open(path: Path):
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(f"{path}: reading PDF needs the pdf extra: pip install 'auditor[pdf]'") from None
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if b"%PDF" not in read_head(path, 1024):
        raise ReadError(f"{path}: not a PDF file")
    pdf = None
    try:
        pdf = pdfplumber.open(path)
        if not pdf.pages:  # parsing the page tree is where broken files fail
            raise ValueError("no pages")
    except Exception as err:  # pdfminer raises many unrelated types on broken files
        if pdf is not None:
            pdf.close()
        causes = (err, *err.args)  # pdfplumber wraps pdfminer's error as its first argument
        if any(isinstance(e, PDFPasswordIncorrect) for e in causes):
            raise ReadError(f"{path}: password-protected PDF; save an unprotected copy") from None
        raise ReadError(f"{path}: not a readable PDF ({type(err).__name__}: {err})") from None
    return pdf


def read_pdf(path: Path) -> Document:
    # pdfminer logs every font quirk as a warning; what matters is reported as EXT findings
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pdf = _open(path)
    problems: list[ExtractionProblem] = []
    pages: list[list] = []  # per page: _Line and _Part in reading order
    with pdf:
        for number, raw in enumerate(pdf.pages, start=1):
            page = raw.dedupe_chars() if _overprinted(raw.chars) else raw
            if not page.chars:
                if page.images or page.rects or page.curves:
                    problems.append(ExtractionProblem(
                        "no-text", Location(page=number), "本页没有文字层（扫描件或图片），内容未读取"))
                pages.append([])
                continue
            parts = _page_tables(page, number)
            lines = _page_lines(page, number, parts)
            problems.extend(_unread_regions(page, number, lines))
            pages.append(sorted(lines + parts, key=lambda it: it.top))
    running = _running_lines(pages)
    items = [it for items in pages for it in items if id(it) not in running]
    return _assemble(path, items, problems)


def _unread_regions(page, number: int, lines: list[_Line]) -> list[ExtractionProblem]:
    """What a text page holds that the reader does not read: a large image (a pasted scan of a
    table) and columns of amounts without any rules (a table the reader takes for text)."""
    out = []
    for image in page.images:
        share = (image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) / (page.width * page.height)
        over = sum(1 for ln in lines
                   if image["x0"] <= ln.x0 <= image["x1"] and image["top"] <= ln.top <= image["bottom"])
        if share >= IMAGE_SHARE and over < 2:  # text printed over an image: a background, not a scan
            out.append(ExtractionProblem("no-text", Location(page=number),
                                         f"本页有一幅图片（约占页面 {share:.0%}），其中的表格或文字未读取"))
    run: list[_Line] = []
    for line in lines + [None]:
        if line is not None and sum(bool(AMOUNT.match(t)) for t in line.text.split()) >= 2:
            run.append(line)
            continue
        if len(run) >= 3:
            out.append(ExtractionProblem("grid", Location(page=number),
                                         f"{len(run)} 行按列排列的金额（如「{run[0].text[:30]}」）没有表格框线，"
                                         f"按正文读取，未作为表格核对"))
        run = []
    return out


def _margins(lines: list[_Line]) -> dict[int, tuple[float, float]]:
    """Per page width: the text's left margin (median of the left half of line starts) and right margin."""
    by_width: dict[int, list[_Line]] = {}
    for ln in lines:
        by_width.setdefault(round(ln.page_width), []).append(ln)
    out = {}
    for width, group in by_width.items():
        lefts = sorted(ln.x0 for ln in group)
        out[width] = (median(lefts[: max(1, len(lefts) // 2)]), max(ln.x1 for ln in group))
    return out


def _assemble(path: Path, items: list, problems: list[ExtractionProblem]) -> Document:
    lines = [it for it in items if isinstance(it, _Line)]
    margins = _margins(lines)
    blocks: list[Block] = []
    pending: list[_Line] = []
    builder: _TableBuilder | None = None
    n_paragraphs = n_tables = 0

    def flush_paragraph() -> None:
        nonlocal n_paragraphs, pending
        if pending:
            text = _join([ln.text for ln in pending])
            blocks.append(Paragraph(n_paragraphs, text, page=pending[0].page))
            n_paragraphs += 1
            pending = []

    def flush_table() -> None:
        nonlocal n_tables, builder
        if builder is not None:
            blocks.append(builder.build(n_tables))
            problems.extend(ExtractionProblem("grid", Location(table=n_tables, page=p), what)
                            for p, what in builder.problems)
            n_tables += 1
            builder = None

    def add_line(line: _Line) -> None:
        if pending and _starts_paragraph(pending[-1], line, margins):
            flush_paragraph()
        pending.append(line)

    # Lines between a table ending a page and its continuation ("续表", its title or unit
    # line printed again) are held: dropped if the table does go on, read as text if not.
    held: list[_Line] = []
    for item in items:
        if isinstance(item, _Line):
            if builder is not None and item.page == builder.last.page + 1 and (
                    CONTINUED.search(item.text) or _squeeze(item.text) in builder.captions):
                held.append(item)
                continue
            flush_table()
            for line in held + [item]:
                add_line(line)
            held = []
        else:
            if builder is not None and item.page == builder.last.page + 1 and builder.accepts(item):
                builder.extend(item)
            else:
                flush_table()
                for line in held:
                    add_line(line)
                flush_paragraph()
                captions = {_squeeze(b.text) for b in blocks[-CAPTION_LINES:] if isinstance(b, Paragraph)}
                builder = _TableBuilder(item, captions)
            held = []
    flush_table()
    for line in held:
        add_line(line)
    flush_paragraph()
    doc = assemble(path, blocks)
    doc.problems = problems + _glyph_problems(doc)
    return doc


def _glyph_problems(doc: Document) -> list[ExtractionProblem]:
    """Text that did not decode: (cid:N) for a font without a ToUnicode map, U+FFFD."""
    out = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if BAD_GLYPH.search(block.text):
                out.append(ExtractionProblem("glyphs", block.location, block.text[:40]))
        else:
            for cell in block.cells:
                if BAD_GLYPH.search(cell.text):
                    out.append(ExtractionProblem("glyphs", block.location(cell.row, cell.col), cell.text[:40]))
    return out
