"""DOC005 — template residue: placeholders, doubled words, unfilled brackets, instructions."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.findings import Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.document._text import text_spans

DOUBLED_WORDS = ("增加", "减少", "增长", "下降", "降低", "持平", "支出", "收入", "预算", "决算", "万元", "合计")
KINDS = {
    "placeholder": ("占位符未替换", r"(?<![A-Za-z])[XＸ×*＊]{2,}(?![A-Za-z])|20[0-9][Xx×]"),
    "doubled": ("词语重复", rf"(?P<word>{'|'.join(DOUBLED_WORDS)})(?P=word)"),
    "flat": ("增减与持平矛盾的套话", r"(?:增加|减少|增长|下降)持平"),
    "blank": ("括号未填写", r"(?:[(（]\s*[)）]|_{2,})\s*(?=%|万元|元|个|项|人|分)"),
    "instruction": ("模板说明未删除", r"[(（]\s*或[^()（）]{1,20}[)）]|待填写|请填写|此处填写|填写说明"),
}
# one alternation, one pass over the text: the group that matched names the kind
RESIDUE = re.compile("|".join(f"(?P<{key}>{pattern})" for key, (_, pattern) in KINDS.items()))

# What a text holding any residue must contain, one clue per kind above (keep them in step):
# a placeholder's X/×/*, a doubled word, 持平, a bracket left empty or opening on 或, "__", 填写.
# One search for them over the whole document is quick (every branch opens on a literal, so re
# skips to the characters that can start one); the alternation above, which re cannot skip
# through, runs only on the texts holding a clue.
CLUE = re.compile("|".join(["X", "Ｘ", "×", r"\*", "＊", "x", "持平", "__", "填写", r"\(\s*[)）或]", r"（\s*[)）或]"]
                           + [word + word for word in DOUBLED_WORDS]))


@register
class TemplateResidue(Check):
    """模板残留：占位符、重复词、未填括号或填写说明留在正文中。

    What: flags text left over from the disclosure template: placeholders
    (XX局, ×××, 202X年), doubled words (增加增加), "增加持平", unfilled brackets
    ("（ ）%"), and instructions ("(或与预算数持平)", 待填写).
    Why: a published disclosure with template residue reads as unchecked and
    often hides a missing figure or a sentence copied from last year.
    Failing example: "财政拨款收入27,807.61万元，比2025年预算增加增加27.45万元"
    → DOC005 warning 词语重复 "增加增加".
    """

    code = "DOC005"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding]:
        for where, match, text in text_spans(doc, RESIDUE, needs=CLUE):
            kind = KINDS[match.lastgroup if match.lastgroup in KINDS else "doubled"][0]
            found = text[match.start():match.end()]
            yield self.finding(f"{kind}：“{found}”", location=where, relation=("residue", where))
