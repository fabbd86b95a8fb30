"""The words that name a figure: labels, subjects, roles and matching keys.

"2021年度财政拨款支出年初预算数为1594.95万元" gives the label 财政拨款支出年初预算数,
the subject 财政拨款支出 and the role ``budget``. Subjects are compared through
``key``: quotes, "(类)", owner words (本部门, 我局) and the 本年 prefix do not
change what is named.
"""

from __future__ import annotations

import re
from functools import lru_cache

BOUNDARY = "，,；;。：:、!?！？"
YEAR = re.compile(r"(\d{4})\s*年")


def years_in(text: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of every "2021年" / "2021 年" in the text: the matches of ``YEAR``,
    found from each 年 back (faster than the pattern, which tries every digit)."""
    out = []
    at = text.find("年")
    while at >= 0:
        k = at
        while k > 0 and text[k - 1].isspace():
            k -= 1
        digits = text[k - 4:k] if k >= 4 else ""
        if digits.isdecimal() and len(digits) == 4:
            out.append((k - 4, at + 1, int(digits)))
        at = text.find("年", at + 1)
    return out
LEAD = re.compile(
    r"^(?:[-–•·*\s]+|[（(]?(?:[一二三四五六七八九十]+|\d{1,2})[)）、.．]\s*|其中|主要用于|主要包括|包括|分别为|分别是"
    r"|以上单位|另|和|及|并|占|故|因此|原因为|同时|目前|全面|[一二三四五六七八九十]是|我局|本局|我部门|本部门|我单位|本单位|该局|全局|度|末|底|[（(](?:单位|部门)[)）])+"
)
TRAIL = re.compile(r"(?:为|是|达到|达|约|计为|共计|共|总计为|合计为|了|的)+$")
ROLE_SUFFIX = re.compile(
    r"(?P<role>年初预算数?|全年预算数?|调整后预算数?|当年预算数?|预算数|预算安排|预算|支出决算数?|决算数?|支出数"
    r"|执行数|预算完成数|完成数|实际完成|实际|完成)$"
)
PRIOR_LEAD = re.compile(r"^(?:(?:较|比|与)?(?:上年|上一年|上年度|去年)|(?:较|比|与)\d{4}年)")
TARGET = re.compile(r"目标|计划|任务数")
TOTAL_WORDS = ("共", "合计", "总计")  # a total's label opens with one
QUOTES = re.compile(r"[“”\"'‘’「」《》\s]")
CLASS_MARK = re.compile(r"[（(](?:类|款|项)[)）]")
OWNER = re.compile(r"^(?:本年度?|全年|当年|年度|部门|本部门|单位|本单位|我局|本局|全县|全市)+")
SYNONYMS = {"总支出": "支出总计", "总收入": "收入总计"}


@lru_cache(maxsize=8192)
def clean(raw: str) -> str:
    """Drop years, list markers, owner words and trailing verbs: the naming words."""
    years = list(YEAR.finditer(raw))
    if years:
        raw = raw[years[-1].end():]
    raw = raw.strip()
    # an organisation name before the year has been cut; owner words and markers go too
    raw = LEAD.sub("", raw)
    return TRAIL.sub("", raw.strip()).strip()


FINAL_WORDS = re.compile(r"决算|执行|完成数|支出数")
FUND = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|国有资金经营预算|社会保险基金预算")


@lru_cache(maxsize=8192)
def role_of(label: str, raw: str = "") -> str:
    """prior ("较上年1757.02万元", "较2024年的2190万元"), budget (年初预算, 预算数 — not the
    fund names 一般公共预算…), target (目标/计划), else actual."""
    if PRIOR_LEAD.match(label) or PRIOR_LEAD.match(raw.strip()):
        return "prior"
    label = FUND.sub("", label)
    if "预算" in label and not FINAL_WORDS.search(label):
        return "budget"
    if TARGET.search(label):
        return "target"
    return "actual"


@lru_cache(maxsize=8192)
def subject_of(label: str) -> str:
    """The label without its role words: 教育支出年初预算 → 教育支出; 支出决算 → ""."""
    subject = ROLE_SUFFIX.sub("", label)
    if subject in ("支出", "收入", "本年", "全年", "项目"):
        return ""
    return TRAIL.sub("", subject)


@lru_cache(maxsize=8192)  # pure, and asked again for every pair of figures
def key(subject: str) -> str:
    """What a subject names, for matching: 本年支出合计 ~ 支出合计 ~ 总支出."""
    text = CLASS_MARK.sub("", QUOTES.sub("", subject))
    text = OWNER.sub("", text).replace("决算", "")
    if text.endswith("费支出"):
        text = text[:-2]
    return SYNONYMS.get(text, text)


@lru_cache(maxsize=8192)
def same_subject(a: str, b: str) -> bool:
    """Equal keys, or one key ending the other (财政拨款基本支出 ~ 基本支出)."""
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 4 and long_.endswith(short)
