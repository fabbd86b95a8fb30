"""NAR008 — a sentence repeated in the document with different numbers."""

from __future__ import annotations

import re
from typing import Iterable

from auditor.claims import Token, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.narrative._common import named, printed

DIGITS = re.compile(r"\d[\d,.]*")
MARKUP = re.compile(r"<[^>]*>|\s+")  # tags left in pasted text, spacing
MIN_WORDS = 12  # CJK characters left once numbers are masked: shorter sentences are formulas


def _sentences(doc: Document) -> dict[tuple[str, str], list[list[Token]]]:
    """Sentences with figures, keyed by their text with every number masked and by the
    exact sentence before them (a repeat is a copied passage, not a template line such
    as "项目全年预算X元，执行数Y元" that recurs for each project)."""
    out: dict[tuple[str, str], list[list[Token]]] = {}
    by_sentence: dict[tuple[int, int], list[Token]] = {}
    for token in claims(doc).tokens:
        if token.unit != "分":  # scores are the score checks' business
            passage = token.passage
            by_sentence.setdefault((passage.index, passage.sentence_start(token.start)), []).append(token)
    for (_, start), tokens in by_sentence.items():
        passage = tokens[0].passage
        before = passage.text[passage.sentence_start(start - 1):start].strip() if start else ""
        masked = MARKUP.sub("", DIGITS.sub("#", passage.text[start:passage.sentence_end(start)]))
        words = len(re.findall(r"[\u4e00-\u9fff]", masked))
        # a passage's first sentence has no context: it must be long enough to be a copy
        context = len(re.findall(r"[\u4e00-\u9fff]", before)) if start else MIN_WORDS
        if words >= (MIN_WORDS if start else 3 * MIN_WORDS) and context >= MIN_WORDS:
            out.setdefault((masked, before), []).append(tokens)
    return out


@register
class RepeatedSentence(Check):
    """同一句话重复出现而数字不同：文中两处措辞相同的句子所列数字不一致。

    What: sentences with the same wording once their numbers are masked (a
    paragraph pasted twice, a summary repeating the body) must state the same
    numbers; each differing number is reported with its twin.
    Why: a repeated sentence with other numbers means one copy was edited and
    the other not — one of them is wrong.
    Failing example: "从县外调入事业单位人员32人，其中，专业技术人才27人、管理人才5人。"
    and later "从县外调入事业单位人员23人，其中，专业技术人才19人、管理人才4人。"
    → NAR008 warning on each differing pair (32/23, 27/19, 5/4).
    """

    code = "NAR008"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        for copies in _sentences(doc).values():
            reference = copies[0]
            for tokens in copies[1:]:
                if len(tokens) != len(reference):
                    continue
                for position, (mine, theirs) in enumerate(zip(tokens, reference)):
                    yield self._pair(mine, theirs, position)

    def _pair(self, mine: Token, theirs: Token, position: int) -> Finding | Checked:
        figures = (printed(mine), printed(theirs))
        if mine.figure.value == theirs.figure.value and mine.unit == theirs.unit:
            return Checked(figures)
        return self.finding(
            f"{named(mine)}与措辞相同的另一句中的{theirs.figure.text}（{theirs.figure.location.describe()}）不一致",
            figures=figures, stated=mine.figure.value, expected=theirs.figure.value,
            # one finding per pair of differing values at one place of the sentence
            relation=("repeated", theirs.figure.location, position, mine.figure.value),
            confidence="inferred")
