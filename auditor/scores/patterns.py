"""The vocabulary of 绩效自评 tables and reports: header words, weights written
into labels, total rows, grade words and the standard grade bands.

Everything here is a pattern over a cell's or a sentence's text; nothing knows a
province's template. Texts are compared with whitespace removed ("总 分" is 总分).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from auditor.numbers import without_spaces

# Header cells. A weight column: 分值/权重/指标分值/参考分值/设定分值/标准分值;
# a score column: 得分/评价得分/指标得分/自评得分 (not the funds formula "得分(20分*执行率)").
WEIGHT_HEADER = re.compile(r"分值|权重|标准分|满分")
SCORE_HEADER = re.compile(r"得分|评分$|^评分")
LABEL_HEADER = re.compile(r"指标|项目$|^内容$")
NOT_LABEL_HEADER = re.compile(r"值|分|解释|细则|来源|方法|依据|原因|说明|权重|标准|性质|单位")

# Funds block (预算执行情况) headers, tested in this order on a column's header text.
FUNDS_ROLES = (
    ("score", re.compile(r"^得分|得分$|得分[（(]")),
    ("rate", re.compile(r"执行率|完成率")),
    ("weight", re.compile(r"分值|权重")),
    ("balance", re.compile(r"结[(（]?转?[)）]?余|结转|余额")),
    ("executed", re.compile(r"执行数|执行金额|支出数|决算数")),
    ("initial", re.compile(r"年初|目标申报|预算编制")),
    ("budget", re.compile(r"预算")),
)
FUNDS_HEADER_NEEDS = ("executed", "budget")
# Words a header row must hold somewhere: a score column's (SCORE_HEADER) or an 执行数 column's
# (FUNDS_ROLES "executed"); most rows are ruled out by these substring tests before any pattern.
HEADER_WORDS = ("得分", "评分", "执行数", "执行金额", "支出数", "决算数")
FUNDS_ROW_LABEL = re.compile(r"情况|项目资金|资金来源")  # the block's own label cell, not a column

# A weight written into a label: "产出指标（50分）", "年度目标1: (10分)", "（20分）".
LABEL_WEIGHT = re.compile(r"[（(]\s*(?P<n>\d+(?:\.\d+)?)\s*分\s*[）)]")
WEIGHT_ONLY_CELL = re.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]$")
# The funds formula in a header: "得分(20分*执行率)", "得分（10分×执行率）".
FUNDS_FORMULA = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*分\s*[*×xX]\s*执行率")
# An indicator code leading a label: "A1部门目标", "C22C104社保…", "B13“三公经费”…".
CODE = re.compile(r"^(?P<code>[A-Z]\d*)(?=[\u4e00-\u9fff“\"A-Z])")

TOTAL_LABEL = re.compile(r"^(?:总分|合计|总计|综合得分|总得分|得分合计|自评总分|评价总分|综合评分|总分值)[:：]?$")
# "100分 / 96" written in one cell: weight / score.
SLASH_TOTAL = re.compile(r"^(?P<w>\d+(?:\.\d+)?)\s*分?\s*/\s*(?P<s>\d+(?:\.\d+)?)\s*分?$")
# A total row without a label: a lone "100分", or "100分 / 96".
UNLABELLED_TOTAL = re.compile(r"^\d+(?:\.\d+)?分$|^\d.*/")
FORM_START = re.compile(r"^(?:项目(?:支出)?名称|专项名称|单位名称|部门名称|(?:市级|县级)?预算部门名称)[:：]?$")
FORM_TITLE = re.compile(r"(?:自评|评价)表|指标体系")
# A row starting a form holds one of these words (FORM_START, FORM_TITLE) and a header one of
# HEADER_WORDS: a table holding none of them is told apart by one search over all its text.
OPENING_WORDS = HEADER_WORDS + ("项目名称", "项目支出名称", "专项名称", "单位名称", "部门名称", "自评表", "评价表", "指标体系")
GRADE_LABEL = re.compile(r"等次|等级|评级|评价结果|自评结果")
DASH_CELL = re.compile(r"^[—\-－–―─]+$")
# A target or actual value, not a label: "≧5万人", "100%", "=3个", "0起".
VALUE_LIKE = re.compile(r"[≥≤≧≦＞＜><=%％]|^\d|^[-－]?\d")
# A scoring rule's range: "酌情得0-2分", "分数值0-3分".
RULE_RANGE = re.compile(r"(?P<lo>\d+(?:\.\d+)?)\s*[-－—~～至到]\s*(?P<hi>\d+(?:\.\d+)?)\s*分")

GRADES = {
    "优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中",
    "合格": "中", "及格": "中", "一般": "中", "差": "差", "较差": "差", "不合格": "差", "不及格": "差",
}
GRADE_WORD = re.compile(r"^[“\"']?(优秀|良好|中等|不合格|不及格|合格|及格|一般|较差|优|良|中|差)(?:等|级|等次)?[”\"']?$")
# Standard bands (财预〔2020〕10号): 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
STANDARD_BANDS = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))
# A band stated in the document: "90分（含）以上为优", "80-90分为良", "60分以下为差".
BAND_STATED = re.compile(
    r"(?P<lo>\d+)\s*分?\s*(?:[（(]含[）)])?\s*(?:以上|及以上|[-－—~～至到]\s*\d+\s*分?(?:[（(]含?[）)])?)?\s*"
    r"(?:的)?(?:为|评为|定为|属于)?\s*[“\"]?(?P<g>优秀|良好|中等|合格|优|良|中)[”\"]?"
)


def compact(text: str) -> str:
    """Text without whitespace (labels are printed with spaces and line breaks)."""
    return without_spaces(text or "")


def grade_of(word: str) -> str | None:
    """优秀 → 优, 良好 → 良, 合格 → 中, 不合格 → 差; None for any other word."""
    match = GRADE_WORD.match(compact(word))
    return GRADES[match.group(1)] if match else None


@lru_cache(maxsize=1 << 12)
def name_of(label: str) -> str:
    """A label without its code, weights and punctuation: "A2部门职能（10分）" → "部门职能"."""
    text = LABEL_WEIGHT.sub("", compact(label))
    text = CODE.sub("", text)
    text = re.sub(r"^(?:年度目标\d+|[一二三四五六七八九十]+、|\d+[、.．])", "", text)
    return re.sub(r"[“”\"'：:，,。（）()]", "", text)


# What stands between a stated band's last digit and its grade word (优良中合…): at most 11 of these
# characters, spaces aside ("90分（含）以上为优", "80-90分（含）的评为“良”").
_BAND_TAIL = frozenset("分（(含）)以上及的为评定属于“\"")
_BAND_TAIL_MAX = 11


def _digit_before(text: str, at: int) -> bool:
    """Whether a digit precedes position ``at`` across band-tail characters only."""
    seen = 0
    for at in range(at - 1, -1, -1):
        ch = text[at]
        if ch.isdecimal():  # what \d matches
            return True
        if ch.isspace():  # what compact() removes
            continue
        if ch not in _BAND_TAIL or seen == _BAND_TAIL_MAX:
            return False
        seen += 1
    return False


def stated_bands(texts) -> tuple[tuple[str, Decimal], ...] | None:
    """Grade bands a document states ("90分（含）以上为优", "80-90分为良"), best first;
    None unless at least 优 and one lower grade are stated."""
    # A document has thousands of texts and scanning them with a regex costs more than the rest of
    # the check: the texts are joined (NUL apart: no band spans a NUL, so each NUL-delimited piece
    # reads as its text does) and only the pieces where a grade word's first character follows a
    # digit across band words are read with BAND_STATED, in order.
    joined = "\x00".join(texts)
    starts = set()
    for initial in "优良中合":
        at = joined.find(initial)
        while at != -1:
            before = joined[at - 1]  # most are told by the character before: "其中", "符合"
            if (before in _BAND_TAIL or before.isdecimal() or before.isspace()) and _digit_before(joined, at):
                starts.add(joined.rfind("\x00", 0, at) + 1)
            at = joined.find(initial, at + 1)
    lows: dict[str, Decimal] = {}
    for start in sorted(starts):
        end = joined.find("\x00", start)
        for match in BAND_STATED.finditer(compact(joined[start:end if end != -1 else len(joined)])):
            grade = GRADES[match["g"]]
            lows.setdefault(grade, Decimal(match["lo"]))
    if "优" not in lows or len(lows) < 2:
        return None
    bands = sorted(lows.items(), key=lambda item: -item[1])
    if "差" not in lows:
        bands.append(("差", Decimal(0)))
    return tuple(bands)


def grade_for(score: Decimal, bands) -> str:
    for grade, low in bands:
        if score >= low:
            return grade
    return bands[-1][0]


# Scoring formulas a document may state for quantitative indicators (Q6):
# 正向指标 得分=权重*B/A, 反向指标 得分=权重*A/B (A = 目标值, B = 完成值).
POSITIVE_FORMULA = re.compile(r"正向指标.{0,60}?得分\s*=\s*权重\s*\\?[*×xX]\s*B\s*/\s*A")
NEGATIVE_FORMULA = re.compile(r"反向指标.{0,60}?得分\s*=\s*权重\s*\\?[*×xX]\s*A\s*/\s*B")
# A target or an actual value: "≥5万人", "≦6%", "2319人"; the sign says which way is better.
QUANTITY = re.compile(r"^(?P<op>[≥≤≧≦><＞＜]?)=?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,4})$")
POSITIVE_OPS = "≥≧>＞"
NEGATIVE_OPS = "≤≦<＜"
