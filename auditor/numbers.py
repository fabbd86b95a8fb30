"""Reading numbers as Chinese disclosures print them.

Rules (tested in tests/test_numbers.py):
- full-width digits, ％, ．, （） are read as their ASCII forms (the clause comma
  ， is kept: it is never a thousands separator); the normalisation keeps
  string length so spans stay valid in the original text;
- thousands separators ("84,386,179.09") and spaces inside a number are ignored;
- negatives: "-12.5", "－12.5", "−12.5", "(12.5)", "（12.5）";
- blanks and dashes ("", "—", "——", "-", "/") are *empty*, not zero;
- a unit may follow the number ("12.5万元", "98.50%", "5分", "12人");
- prose magnitudes keep the printed number and unit ("1.45亿元" is 1.45 with
  unit 亿元) and ``in_base_unit`` converts them (亿元 → 元, 万人次 → 人次);
- years, dates and ordinals ("2022年", "3月", "第三部分", "第2条") are not figures.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Units in the order the regex must try them (longest first where they share a prefix).
AMOUNT_UNITS = ("亿元", "万元", "千元", "元")
MAGNITUDE = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
COUNT_UNITS = (
    "万人次", "人次", "万人", "人", "万户", "户", "万件", "件", "万个", "个", "项", "次", "家",
    "辆", "台", "套", "万张", "张", "场", "名", "所", "篇", "批", "期", "册", "条", "万份", "份",
    "座", "间", "处", "本", "期", "笔", "天", "小时", "平方米", "公里", "倍",
)
SCORE_UNITS = ("分",)
PERCENT_UNITS = ("%", "个百分点")
ALL_UNITS = AMOUNT_UNITS + PERCENT_UNITS + SCORE_UNITS + COUNT_UNITS
EMPTY_MARKERS = {"", "-", "—", "——", "–", "/", "－", "－－", "——————", "―", "─"}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT_ALT = "|".join(sorted({re.escape(u) for u in ALL_UNITS}, key=len, reverse=True))
_CELL = re.compile(
    rf"^(?P<open>[(])?\s*(?P<sign>[-+])?\s*(?P<num>{_NUMBER})\s*(?P<close>[)])?\s*(?P<unit>{_UNIT_ALT})?$"
)
# In prose a figure must carry a unit (or %); a bare number is a code, a date or a list marker.
# The leading lookahead only says what every match starts with: re then tests one character
# class at each position of the text before trying the lookbehind (half the scanning time).
_PROSE = re.compile(
    rf"(?=[-\d])(?<![\d.,A-Za-z])(?P<sign>-)?(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT_ALT})"
)


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed number: value as printed, its unit, decimals, and the span it covered."""

    value: Decimal
    unit: str | None
    decimals: int
    start: int
    end: int
    text: str


def _fold(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if ch == "，":  # a sentence comma, never a thousands separator: keep it apart
        folded = ch
    elif ch in "−－–‐‑﹣":
        folded = "-"
    elif ch == "\u00a0" or ch == "\u3000":
        folded = " "
    return folded if len(folded) == 1 else ch


class _FoldTable(dict):
    """str.translate table computing each character's fold once (the hot path of every check)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold(chr(code))
        return folded


_FOLDS = _FoldTable()


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # labels are compared without spaces by many checks, again and again
def without_spaces(text: str) -> str:
    """The text with every whitespace character removed ("总 分\n" → "总分")."""
    return _SPACES.sub("", text)


@lru_cache(maxsize=1 << 16)  # the same cell and sentence texts are normalised by many checks
def normalise(text: str) -> str:
    """Length-preserving NFKC: full-width forms become ASCII, one char for one char."""
    return text if text.isascii() else text.translate(_FOLDS)  # ASCII is NFKC-stable


def is_empty(text: str) -> bool:
    """Blank and dash cells mean "nothing reported" (not zero)."""
    return normalise(text).strip().replace(" ", "") in EMPTY_MARKERS


def _decimal(num: str) -> tuple[Decimal, int] | None:
    clean = num.replace(",", "")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        return None
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return value, decimals


@lru_cache(maxsize=1 << 16)  # a pure function of the text, asked again by every check; Number is frozen
def parse_cell(text: str) -> Number | None:
    """The number a whole cell holds, or None when the cell holds text (or nothing).

    Spaces inside the number ("1 234.50", "中等职业教 育" is text) are removed first.
    """
    norm = normalise(text).strip()
    compact = _SPACES.sub("", norm)
    match = _CELL.match(compact)
    if not match:
        return None
    if bool(match["open"]) != bool(match["close"]):
        return None
    parsed = _decimal(match["num"])
    if parsed is None:
        return None
    value, decimals = parsed
    if match["open"] or match["sign"] == "-":
        value = -value
    return Number(value, match["unit"], decimals, 0, len(text), text.strip())


@lru_cache(maxsize=1 << 14)  # the same paragraphs and cells are read by the figures and the claims
def find_in_prose(text: str) -> tuple[Number, ...]:
    """Every number-with-unit in a sentence, with its span in ``text`` (shared: a tuple).

    Only numbers followed by a unit count, so years and dates ("2022年", "3月")
    never match; ordinals ("第3个") are skipped.
    """
    norm = normalise(text)
    found = []
    for match in _PROSE.finditer(norm):
        start, end = match.span()
        if start > 0 and norm[start - 1] == "第":
            continue
        parsed = _decimal(match["num"])
        if parsed is None:
            continue
        value, decimals = parsed
        if match["sign"]:
            value = -value
        found.append(Number(value, match["unit"], decimals, start, end, text[start:end]))
    return tuple(found)


def in_base_unit(value: Decimal, unit: str | None) -> tuple[Decimal, str | None]:
    """Convert 亿元/万元 to 元 and 万人次-style magnitudes to their base unit."""
    if unit and len(unit) > 1 and unit[0] in MAGNITUDE and unit != "个百分点":
        return value * MAGNITUDE[unit[0]], unit[1:]
    return value, unit


def unit_scale(unit: str | None) -> Decimal:
    """How many base units one printed unit is (万元 → 10000)."""
    return in_base_unit(Decimal(1), unit)[0]


def format_amount(value: Decimal | None, decimals: int = 2) -> str:
    """84968418.97 → "84,968,418.97"; keeps the precision the document used."""
    if value is None:
        return "—"
    quant = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    return f"{value.quantize(quant):,}"
