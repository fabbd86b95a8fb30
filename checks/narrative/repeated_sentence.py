"""NAR008 — a sentence repeated in the document with different numbers."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, NamedTuple

from auditor.claims import Token, claims
from auditor.findings import Checked, Finding
from auditor.model import Document, Severity
from auditor.registry import Check, register
from checks.narrative._common import named, printed

if TYPE_CHECKING:
    from auditor.claims.passages import Passage

DIGITS = re.compile(r"\d[\d,.]*")
TAG = re.compile(r"<[^>]*>")  # tags left in pasted text
NON_DIGIT = re.compile(r"\D")
CLAUSE_END = "，,；;：:。"
LAST_CLAUSE_END = re.compile(f".*[{CLAUSE_END}]", re.DOTALL)
MIN_WORDS = 12  # CJK characters left once numbers are masked: shorter sentences are formulas
LEAD = 8  # characters before the first figure that name it, in a copy whose opening was edited


def _masked(text: str) -> str:
    """The wording: each number as "#", without tags and spacing, "，" read as ","."""
    masked = DIGITS.sub("#", text)
    if "<" in masked:
        masked = TAG.sub("", masked)
    return "".join(masked.split()).replace("，", ",")  # split() drops what \s matches


# "at least n CJK characters", stopping at the n-th (a count would read the whole sentence);
# masking only drops characters, so raw text short of words is short of them masked too
AT_LEAST_WORDS = {n: re.compile(f"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){{{n}}}") for n in (MIN_WORDS, 3 * MIN_WORDS)}


def _has_words(text: str, n: int = MIN_WORDS) -> bool:
    return AT_LEAST_WORDS[n].match(text) is not None


class _Sentence(NamedTuple):
    passage: Passage
    start: int
    end: int  # offset of its end mark (or of the passage end)
    tokens: list[Token]


def _sentences(doc: Document) -> list[_Sentence]:
    """The figures of each sentence (scores are the score checks' business)."""
    by_sentence: dict[tuple[int, int], _Sentence] = {}
    passage, start, end, tokens = None, 0, -1, []
    for token in claims(doc).tokens:
        if token.figure.unit == "分":
            continue
        if token.passage is not passage or not start <= token.start <= end:  # else the sentence of the last one
            passage = token.passage
            start, end = passage.sentence_start(token.start), passage.sentence_end(token.start)
            sentence = by_sentence.get((passage.index, start))
            if sentence is None:
                sentence = by_sentence[passage.index, start] = _Sentence(passage, start, end, [])
            tokens = sentence.tokens
        tokens.append(token)
    return list(by_sentence.values())


def _copies(sentences: list[_Sentence]) -> list[list[list[Token]]]:
    """Groups of sentences that are copies of one another. Two readings:
    - same wording with every number masked, after the same sentence (a paragraph pasted
      twice; the context tells a copy from a template line such as "项目全年预算X元，执行数Y元"
      that recurs for each project, whose numbers may all differ);
    - same wording from the words naming the first figure to the end of the sentence, or of
      one of its ；-separated parts (the opening of one copy was edited: "1.资金落实情况寻甸县…"
      / "寻甸县…"), when its three numbers or more agree at every place but one at most and
      a distinctive one (three significant digits) is among those agreeing: a template line
      for another item would differ in more than one number.
    Only texts that could match are masked: a sentence after a sentence found once has no
    copy in the first reading, and a text short of words has none in either."""
    whole: dict[tuple[str, str], list[list[Token]]] = {}
    tails: dict[str, list[list[Token]]] = {}
    wordings: dict[int, dict[str, str | None]] = {MIN_WORDS: {}, 3 * MIN_WORDS: {}}

    def wording(text: str, words: int = MIN_WORDS) -> str | None:
        """The text masked, when it has enough words; copies repeat their text: read each once."""
        seen = wordings[words]
        if text not in seen:
            seen[text] = None
            if _has_words(text, words):  # (else short of words masked too)
                masked = _masked(text)
                if "<" not in text or _has_words(masked, words):  # of the words, masking drops those in tags only
                    seen[text] = masked
        return seen[text]

    befores = [s.passage.text[s.passage.sentence_start(s.start - 1):s.start].strip() if s.start else ""
               for s in sentences]
    context = {before: _has_words(before) for before, n in Counter(befores).items() if n > 1 and before}
    for (passage, start, end, tokens), before in zip(sentences, befores):
        text = passage.text
        # a passage's first sentence has no context: it must be long enough to be a copy
        if context.get(before) or not start:
            sentence = wording(text[start:end], MIN_WORDS if start else 3 * MIN_WORDS)
            if sentence is not None:
                whole.setdefault((sentence, before), []).append(tokens)
        for piece, cut in _pieces(tokens, start, end):
            # the naming words: back to a clause end, at most LEAD characters (no need to look further)
            first = piece[0].start
            named_from = LAST_CLAUSE_END.match(text, max(0, first - LEAD), first)
            tail = wording(text[max(start, named_from.end() if named_from else first - LEAD):cut])
            if tail is not None:
                tails.setdefault(tail, []).append(piece)
    groups = {tuple(map(id, g)): g for g in whole.values() if len(g) > 1}
    for group in tails.values():  # in document order, so the first copy is the same in both readings
        if len(group) > 1:
            for near in _near_copies(group):
                groups.setdefault(tuple(map(id, near)), near)
    return list(groups.values())


def _near_copies(group: list[list[Token]]) -> Iterable[list[list[Token]]]:
    """For each piece of a group of like tails, in order, the pieces it is a near copy of
    (itself among them), when there are others; worked out once per version of the values
    and of the places that are distinctive, as copies share them (and give the same pieces)."""
    stated = [tuple(map(_value, piece)) for piece in group]
    if stated.count(stated[0]) == len(stated):  # the usual copies: near one another if a place is distinctive
        if any(_distinctive(t.figure.text) for piece in group for t in piece):
            yield group
        return
    values: list[tuple] = []  # each version once (a few: looked up by equality, no hashing of Decimals)
    version = []
    for mine in stated:
        if mine not in values:
            values.append(mine)
        version.append(values.index(mine))
    done: set[tuple] = set()
    for piece, mine in zip(group, version):
        distinctive = tuple(_distinctive(t.figure.text) for t in piece)
        if (mine, distinctive) in done:
            continue  # the same pieces as for the earlier piece of this kind
        done.add((mine, distinctive))
        near = {v for v, theirs in enumerate(values) if _near_copy(values[mine], theirs, distinctive)}
        if mine in near:  # (else no place of it is distinctive: it is near none)
            pieces = [p for p, v in zip(group, version) if v in near]
            if len(pieces) > 1:
                yield pieces


def _pieces(tokens: list[Token], start: int, end: int) -> list[tuple[list[Token], int]]:
    """The sentence's figures, then those of each of its ；-separated parts when it has several
    (a copied part may be followed by other words in each copy), with three figures at least:
    with two, the one agreeing need not fix the other ("减少450.26万元，减少16.51%" may be
    true of two totals on different bases); each with the end of its words (the next ；, else
    the sentence end)."""
    if len(tokens) < 3:
        return []  # nor has any of its parts
    marks = tokens[0].passage.segment_marks(start, end)
    pieces = [tokens]
    if marks:
        bounds = [start, *marks, end]
        pieces += [[t for t in tokens if a <= t.start < b] for a, b in zip(bounds, bounds[1:])]
    out = []
    for piece in pieces:
        if len(piece) >= 3:
            after = bisect_left(marks, piece[-1].end)
            out.append((piece, marks[after] if after < len(marks) else end))
    return out


def _near_copy(mine: tuple, theirs: tuple, distinctive: tuple[bool, ...]) -> bool:
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
    return any(d for i, d in enumerate(distinctive) if i != odd)


@lru_cache(maxsize=4096)  # pure; asked for every pair of copies
def _distinctive(text: str) -> bool:
    return len(NON_DIGIT.sub("", text).lstrip("0")) >= 3


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
            versions = [tuple(map(_value, c)) for c in copies]
            agreed: list[Token] = []  # the copies' figures at the places where all state the same
            for tokens, stated in zip(zip(*copies), zip(*versions)):  # place by place
                if stated.count(stated[0]) == len(stated):
                    agreed += tokens
                    continue
                # the version most copies state is the reference; with none, the first copy's
                (common, most), (_, second) = Counter(stated).most_common(2)
                reference = stated.index(common) if most > second else 0
                for mine, value in zip(tokens, stated):
                    if value != stated[reference]:
                        yield from self._pair(mine, tokens[reference], reported)
            if agreed:
                yield Checked(tuple(map(printed, agreed)))
            if len(agreed) < len(copies) * len(copies[0]):  # the copies differ somewhere
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
    figure = token.figure
    return figure.value, figure.unit


def _rarer(mine: list[list[Token]], theirs: list[list[Token]]) -> bool:
    """Fewer copies state ``mine``; as many, and ``mine`` comes later."""
    first, other = mine[0][0], theirs[0][0]
    return len(mine) < len(theirs) or len(mine) == len(theirs) and \
        (first.passage.index, first.start) > (other.passage.index, other.start)
