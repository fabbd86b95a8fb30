"""NAR008 — a sentence repeated in the document with different numbers."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from auditor.claims import Token, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.narrative._common import named, printed

DIGITS = re.compile(r"\d[\d,.]*")
MARKUP = re.compile(r"<[^>]*>|\s+")  # tags left in pasted text, spacing
NON_DIGIT = re.compile(r"\D")
CLAUSE_END = "，,；;：:。"
MIN_WORDS = 12  # CJK characters left once numbers are masked: shorter sentences are formulas
LEAD = 8  # characters before the first figure that name it, in a copy whose opening was edited


def _masked(text: str) -> str:
    return MARKUP.sub("", DIGITS.sub("#", text)).replace("，", ",")


# "at least n CJK characters", stopping at the n-th (a count would read the whole sentence)
AT_LEAST_WORDS = {n: re.compile(f"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){{{n}}}") for n in (MIN_WORDS, 3 * MIN_WORDS)}


def _has_words(text: str, n: int = MIN_WORDS) -> bool:
    return AT_LEAST_WORDS[n].match(text) is not None


def _sentences(doc: Document) -> list[list[Token]]:
    """The figures of each sentence (scores are the score checks' business)."""
    by_sentence: dict[tuple[int, int], list[Token]] = {}
    for token in claims(doc).tokens:
        if token.unit != "分":
            passage = token.passage
            by_sentence.setdefault((passage.index, passage.sentence_start(token.start)), []).append(token)
    return list(by_sentence.values())


def _copies(sentences: list[list[Token]]) -> list[list[list[Token]]]:
    """Groups of sentences that are copies of one another. Two readings:
    - same wording with every number masked, after the same sentence (a paragraph pasted
      twice; the context tells a copy from a template line such as "项目全年预算X元，执行数Y元"
      that recurs for each project, whose numbers may all differ);
    - same wording from the words naming the first figure to the end of the sentence, or of
      one of its ；-separated parts (the opening of one copy was edited: "1.资金落实情况寻甸县…"
      / "寻甸县…"), when its three numbers or more agree at every place but one at most and
      a distinctive one (three significant digits) is among those agreeing: a template line
      for another item would differ in more than one number."""
    whole: dict[tuple[str, str], list[list[Token]]] = {}
    tails: dict[str, list[list[Token]]] = {}
    masks: dict[str, str] = {}  # copies repeat their text: mask each text once

    def masked(text: str) -> str:
        if text not in masks:
            masks[text] = _masked(text)
        return masks[text]

    for tokens in sentences:
        passage, start = tokens[0].passage, tokens[0].passage.sentence_start(tokens[0].start)
        end = passage.sentence_end(start)
        before = passage.text[passage.sentence_start(start - 1):start].strip() if start else ""
        # a passage's first sentence has no context: it must be long enough to be a copy
        if not start or _has_words(before):
            sentence = masked(passage.text[start:end])
            if _has_words(sentence, MIN_WORDS if start else 3 * MIN_WORDS):
                whole.setdefault((sentence, before), []).append(tokens)
        for piece in _pieces(tokens, start, end):
            # the naming words: back to a clause end, at most LEAD characters (no need to look further)
            first = piece[0].start
            lead = max(first - LEAD, *(passage.text.rfind(ch, max(0, first - LEAD), first) + 1 for ch in CLAUSE_END))
            cut = passage.segment_marks(piece[-1].end, end)
            tail = masked(passage.text[max(start, lead):cut[0] if cut else end])
            if _has_words(tail):
                tails.setdefault(tail, []).append(piece)
    groups = {tuple(id(c) for c in g): g for g in whole.values() if len(g) > 1}
    for group in tails.values():  # in document order, so the first copy is the same in both readings
        if len(group) < 2:
            continue
        values = [tuple(_value(t) for t in piece) for piece in group]
        for i, mine in enumerate(group):
            near = [theirs for j, theirs in enumerate(group) if j == i or _near_copy(values[i], values[j], mine)]
            if len(near) > 1:
                groups.setdefault(tuple(id(c) for c in near), near)
    return list(groups.values())


def _pieces(tokens: list[Token], start: int, end: int) -> list[list[Token]]:
    """The sentence's figures, then those of each of its ；-separated parts when it has several
    (a copied part may be followed by other words in each copy), with three figures at least:
    with two, the one agreeing need not fix the other ("减少450.26万元，减少16.51%" may be
    true of two totals on different bases)."""
    cuts = tokens[0].passage.segment_marks(start, end)
    pieces = [tokens]
    if cuts:
        cuts = [start, *cuts, end]
        pieces += [[t for t in tokens if a <= t.start < b] for a, b in zip(cuts, cuts[1:])]
    return [p for p in pieces if len(p) >= 3]


def _near_copy(mine: tuple, theirs: tuple, tokens: list[Token]) -> bool:
    """The values of two pieces agree at every place but one at most, and at a distinctive
    place (a number of three significant digits or more) among them."""
    if len(mine) != len(theirs):
        return False
    odd = None
    if mine != theirs:  # else the usual copy: no need to compare place by place
        for i, (x, y) in enumerate(zip(mine, theirs)):
            if x != y:
                if odd is not None:
                    return False  # a second difference: another item's template line
                odd = i
    return any(_distinctive(t) for i, t in enumerate(tokens) if i != odd)


def _distinctive(token: Token) -> bool:
    return len(NON_DIGIT.sub("", token.figure.text).lstrip("0")) >= 3


def _same(a: Token, b: Token) -> bool:
    return _value(a) == _value(b)


@register
class RepeatedSentence(Check):
    """同一句话重复出现而数字不同：文中两处措辞相同的句子所列数字不一致。

    What: sentences with the same wording once their numbers are masked (a
    paragraph pasted twice, a summary repeating the body) must state the same
    numbers. A copy whose opening words were edited counts when the wording from
    the first figure on is the same and its numbers (three or more) agree but at
    one place. At
    each place of the sentence, each other version is reported once against the
    version most copies state (the first copy's when none is most common); a
    rarer version of the whole sentence one number away from another version is
    reported at that number.
    Why: a repeated sentence with other numbers means one copy was edited and
    the other not — one of them is wrong.
    Failing example: "从县外调入事业单位人员32人，其中，专业技术人才27人、管理人才5人。"
    and later "从县外调入事业单位人员23人，其中，专业技术人才19人、管理人才4人。"
    → NAR008 warning on each differing pair (32/23, 27/19, 5/4).
    """

    code = "NAR008"
    severity = Severity.WARNING

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        reported: set = set()
        for copies in _copies(_sentences(doc)):
            copies = [c for c in copies if len(c) == len(copies[0])]
            versions = [tuple(_value(t) for t in c) for c in copies]
            for position in range(len(copies[0])):
                tokens = [c[position] for c in copies]
                stated = [v[position] for v in versions]
                if stated.count(stated[0]) == len(stated):
                    yield Checked(tuple(printed(t) for t in tokens))
                    continue
                # the version most copies state is the reference; with none, the first copy's
                (common, most), (_, second) = Counter(stated).most_common(2)
                reference = next(t for t in tokens if _value(t) == common) if most > second else tokens[0]
                for mine in tokens:
                    if not _same(mine, reference):
                        yield from self._pair(mine, reference, reported)
            if len(set(versions)) > 1:
                yield from self._hybrids(copies, versions, reported)

    def _hybrids(self, copies: list[list[Token]], values: list[tuple], reported: set) -> Iterable[Finding]:
        """A rarer version of the sentence one number away from another version ("32人，19人，4人"
        among copies of "32人，27人，5人" and "23人，19人，4人") is reported at that number."""
        versions: dict[tuple, list[list[Token]]] = {}
        for copy, value in zip(copies, values):
            versions.setdefault(value, []).append(copy)
        for (mine_values, mine), (theirs_values, theirs) in \
                ((a, b) for a in versions.items() for b in versions.items() if a[1] is not b[1]):
            places = [i for i, (x, y) in enumerate(zip(mine_values, theirs_values)) if x != y]
            if len(places) == 1 and _rarer(mine, theirs):
                yield from self._pair(mine[0][places[0]], theirs[0][places[0]], reported)

    def _pair(self, mine: Token, reference: Token, reported: set) -> Iterable[Finding]:
        # one finding per other version of this place of the sentence
        relation = ("repeated", reference.figure.location, mine.figure.value)
        if relation in reported:
            return
        reported.add(relation)
        yield self.finding(
            f"{named(mine)}与措辞相同的另一句中的{reference.figure.text}（{reference.figure.location.describe()}）不一致",
            figures=(printed(mine), printed(reference)), stated=mine.figure.value,
            expected=reference.figure.value, relation=relation, confidence="inferred")


def _value(token: Token) -> tuple:
    return token.figure.value, token.unit


def _rarer(mine: list[list[Token]], theirs: list[list[Token]]) -> bool:
    """Fewer copies state ``mine``; as many, and ``mine`` comes later."""
    first, other = mine[0][0], theirs[0][0]
    return len(mine) < len(theirs) or len(mine) == len(theirs) and \
        (first.passage.index, first.start) > (other.passage.index, other.start)
