"""A minimal PDF writer for reader tests: pages of positioned text and ruled lines.

Coordinates are pdfplumber's: points from the top-left corner of an A4 page.
Text uses the standard Helvetica font (Latin and digits only); ``cid=True``
writes it with a CID font that has no ToUnicode map, which readers see as
(cid:N) glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 595, 842


@dataclass
class Page:
    texts: list[tuple[float, float, str, float, bool]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)

    def text(self, x: float, top: float, text: str, size: float = 10, cid: bool = False) -> "Page":
        self.texts.append((x, top, text, size, cid))
        return self

    def line(self, x0: float, top: float, x1: float, bottom: float) -> "Page":
        self.lines.append((x0, top, x1, bottom))
        return self

    def image(self, x0: float, top: float, x1: float, bottom: float) -> "Page":
        """A grey 1×1 pixel image stretched over the box (stands for a pasted scan)."""
        self.images.append((x0, top, x1, bottom))
        return self

    def grid(self, xs: list[float], ys: list[float], vertical: bool = True) -> "Page":
        """Ruled table: horizontal rules at ``ys``, vertical ones at ``xs`` (unless a 三线表)."""
        for y in ys:
            self.line(xs[0], y, xs[-1], y)
        if vertical:
            for x in xs:
                self.line(x, ys[0], x, ys[-1])
        return self

    def stream(self) -> bytes:
        out = []
        for x0, top, x1, bottom in self.lines:
            out.append(f"0.5 w {x0} {HEIGHT - top} m {x1} {HEIGHT - bottom} l S")
        for x0, top, x1, bottom in self.images:
            out.append(f"q {x1 - x0} 0 0 {bottom - top} {x0} {HEIGHT - bottom} cm /Im1 Do Q")
        for x, top, text, size, cid in self.texts:
            if cid:
                body = "<" + "".join(f"{ord(ch):04X}" for ch in text) + ">"
                font = "F2"
            else:
                body = "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
                font = "F1"
            out.append(f"BT /{font} {size} Tf {x} {HEIGHT - top - size} Td {body} Tj ET")
        return "\n".join(out).encode("latin-1")


def write_pdf(path: Path, pages: list[Page]) -> Path:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    helvetica = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    descendant = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo "
                     b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 >>")
    cidfont = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H "
                  f"/DescendantFonts [{descendant} 0 R] >>".encode())
    pixel = add(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for page in pages:
        data = page.stream()
        content = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] "
                        f"/Resources << /Font << /F1 {helvetica} 0 R /F2 {cidfont} 0 R >> "
                        f"/XObject << /Im1 {pixel} 0 R >> >> "
                        f"/Contents {content} 0 R >>".encode()))
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode())
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    pdf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(pdf))
    return path
