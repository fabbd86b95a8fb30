"""DOC004 — "决算数大于/小于/等于预算数" agrees with the two amounts it compares."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.figures import paragraph_figures
from auditor.findings import Checked, Finding
from auditor.model import Document, Figure, Severity
from auditor.numbers import format_amount, unit_scale
from auditor.registry import Check, register
from auditor.rounding import quantity
from checks.document._text import texts_holding

BUDGET = re.compile(r"(?:年初|全年|调整后)?预算(?:数)?(?:为|是)?\s*$")
FINAL = re.compile(r"决算(?:数)?(?:为|是)?\s*$")
WORD = re.compile(
    r"决算数?\s*(?:与(?:年初|全年|调整后)?预算数?\s*(?P<flat>持平|相等|一致)"
    r"|(?P<cmp>大于|小于|等于|高于|低于|超过|少于|多于)(?:年初|全年|调整后)?预算数?)"
)
MISSING_RATE = re.compile(r"(?:增加|减少)\s*[\d,.]+\s*(?:亿元|万元|元)\s*[，,]\s*(?P<word>增长|下降|降低)\s*(?=[。；;，,]|$)")
SIGN = {"大于": 1, "高于": 1, "超过": 1, "多于": 1, "小于": -1, "低于": -1, "少于": -1, "等于": 0}
WORD_ZH = {1: "大于", -1: "小于", 0: "等于"}


@register
class ComparisonWording(Check):
    """比较措辞与数字矛盾：“决算数大于/小于/等于预算数”与所列两数不符。

    What: in a sentence that states a budget ("年初预算为A万元") and a final
    amount ("支出决算为B万元") and then compares them ("决算数大于预算数",
    "决算数与预算数持平"), the word must agree with B − A, rounding-aware
    (amounts equal within their printed rounding count as equal). A change
    stated without its rate ("增加5万元，增长。") is a warning.
    Why: the explanation of a variance is what readers quote; a "大于" over a
    smaller figure tells them the opposite of the table.
    Failing example: "年初预算为30万元，支出决算为2.47万元，决算数大于预算数"
    → DOC004 error: 决算 2.47 < 预算 30，措辞应为“小于”.
    Year-on-year direction words (增加/减少 vs the sign of the change) and
    completion rates ("完成年初预算的100%") are checked by the narrative checks.
    """

    code = "DOC004"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        # both patterns need a literal: most paragraphs are ruled out without running them
        for paragraph, _, _, text in texts_holding(doc, "决算", "增加", "减少", cells=False):
            words = list(WORD.finditer(text)) if "决算" in text else []
            if words:
                yield from self._words(paragraph, text, words)
            if "增加" not in text and "减少" not in text:
                continue
            for match in MISSING_RATE.finditer(text):
                where = paragraph.location.with_span(match.start(), match.end())
                yield self.finding(f"只写“{match['word']}”而未给出增减幅度（百分比）：“{paragraph.text[match.start():match.end()]}”",
                                   severity=Severity.WARNING, location=where, relation=("rate-missing", where))

    def _words(self, paragraph, text: str, words: list[re.Match]) -> Iterable[Finding | Checked]:
        figures = [f for f in paragraph_figures(paragraph) if f.unit in ("元", "万元", "亿元")]
        budget = final = None
        cursor = 0
        events = sorted([(f.location.start, "figure", f) for f in figures] +
                        [(m.start(), "word", m) for m in words], key=lambda e: e[0])
        for start, kind, item in events:
            if kind == "figure":
                before = text[cursor:start]
                if BUDGET.search(before):
                    budget = item
                elif FINAL.search(before):
                    final = item
                cursor = item.location.end
                continue
            cursor = item.end()
            if budget is not None and final is not None:
                yield self._compare(paragraph, item, budget, final)
            budget = final = None

    def _compare(self, paragraph, word: re.Match, budget: Figure, final: Figure) -> Finding | Checked:
        said = 0 if word["flat"] else SIGN[word["cmp"]]
        b, f = quantity(budget), quantity(final)
        actual = 0 if f.overlaps(b) else (1 if f.point > b.point else -1)
        consistent = said == actual or (said != 0 and actual == 0 and (f.point - b.point) * said > 0)
        if consistent:
            return Checked((final, budget))
        stated_word = word.group(0)
        return self.finding(
            f"“{stated_word}”与数字不符：决算 {format_amount(final.value, final.decimals)}{final.unit} "
            f"{WORD_ZH[actual]}预算 {format_amount(budget.value, budget.decimals)}{budget.unit}，措辞应为“{WORD_ZH[actual]}”",
            figures=(final, budget),
            arithmetic=f"{final.text} − {budget.text} = "
                       f"{format_amount((f.point - b.point) / unit_scale(final.unit), final.decimals)}{final.unit}",
            relation=("budget-vs-final-wording", final.location),
            location=paragraph.location.with_span(word.start(), word.end()),
        )
