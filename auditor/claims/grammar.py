"""The grammar of the formulaic sentences of 情况说明 and 绩效 reports.

Read in this order, each step using the previous ones:
1. tokens: every figure with its label, subject, role, year; direction words
   before it make it a change ("较上年增加368789.9元"), parentheses an aside;
   amounts printed without their trailing zeros are read at the document's
   precision ("78万元" among "28.02万元");
2. unit fixes: an amount whose digits are a table figure in the other money
   unit ("25552618.58万元" where the table has 25,552,618.58 元) is read in
   the table's unit (the fix itself is reported by the unit check);
3. lists: a total followed by 其中/：/（其中…） and its parts (";"-separated
   items, a run of same-unit amounts, or one sentence per part);
4. percentages: by the words before them — 占…的 (share), 完成…预算的 /
   执行率 (completion), 占目标任务数…的 (target), 增长/下降 (change), X率
   after a count of X (count rate);
5. changes: the current figure, the stated prior or the prior year's figure,
   the change amount and rate; flat statements (与上年持平/相同/一致);
6. wholes of shares: the named amount, the list's head, or the passage's first
   amount — the candidate the list's shares hold against.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

from auditor.claims import labels
from auditor.claims.model import Balance, Breakdown, Change, Claims, Rate, Share, Token
from auditor.claims.passages import FLAT_WORDS, Passage, offsets
from auditor.model import Figure
from auditor.rounding import Outcome, compare, ratio

DIRECTION = re.compile(
    r"(?P<word>增加|增长|上升|提高|减少|下降|降低|净增|净减|增幅|降幅|减幅)(?:了|幅度为?|率为?|达)?\s*$")
NEGATIVE_WORDS = ("减少", "下降", "降低", "净减", "降幅", "减幅")
BASE = re.compile(r"较|比(?!重|例)|相比|同比|上年|上一年")
BASE_PHRASE = re.compile(
    r"(?:与|较|比|同比)?\s*(?:上年|上一年|上年度|\d{4}\s*年度?末?)\s*(?:决算数?|同期|预算数?)?(?:相比)?")
FLAT = re.compile(r"(?:与|较|比|同)\s*(?:上年|上一年|\d{4}\s*年)(?:度)?(?:同期)?(?:相比)?\s*(?:基本)?"
                  r"(?:持平|相同|保持一致|一致|无变化)")
COLON_LEAD = re.compile(r"^[，,\s]*(?:主要用于以下(?:几个)?方面|以下方面|具体如下|如下|分别为|分别是)?\s*$")
SHARE = re.compile(r"占(?P<whole>[^，。；：%]*?)(?:的)?(?:比重|比例|比)?(?:为|达)?\s*$")
TARGET = re.compile(r"(?:占|完成)(?:了)?(?:全年|年度)?(?:目标任务数?|目标|任务数?|计划数?)(?:的)?(?P<rest>.*?)(?:的)?\s*$")
COMPLETION = re.compile(r"完成(?:了)?(?P<base>年初预算|全年预算|调整后预算|当年预算|预算)(?:数)?(?:的)?\s*$")
EXECUTION = re.compile(r"(?:预算)?(?:执行|完成)(?:完成)?率(?:为|达到|达|是)?\s*$")
COUNT_RATE = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2})率(?:为|达到|达|是)?\s*$")
BARE_TOTAL = re.compile(r"^(?:本年)?(?:收入|支出)(?:总计|合计)$")
SCOPED_TOTAL = re.compile(r"^(?P<scope>.*?)(?:本年)?(?:收入|支出)(?:总计|合计)$")
NOT_COUNT_STEMS = ("执行", "完成", "控制", "增长", "下降", "满意", "准确", "覆盖", "知晓", "达标", "使用", "在用")
# separators, compiled once (the grammar tests them between every pair of figures)
CLASS_PARENS = re.compile(r"[类款项]?")
CLAUSE_BREAK = re.compile("[，,；;]")
SEGMENT_BREAK = re.compile("[；;]")
SEGMENT_OR_SENTENCE = re.compile("[；;。]")
LIST_BREAK = re.compile("[，,、]")
COMMA = re.compile("[，,]")
LIST_WORDS = ("其中", "如下", "以下方面")  # before a colon, they open a list of sentences
# "1、一般公共服务支出（类）组织事务（款）其他组织事务支出（项）。": the class of the amounts below
CLASS_HEADING = re.compile(r"([^\s、，,。.：:（()）]+?)[（(]类[)）]")
# what is left of a budget once spent: "结余42.4万元至下一年度", "结转结余资金…"
BALANCE_LABEL = re.compile(r"^(?:资金)?(?:结余|结转|结转结余|结余结转|结转和结余)(?:资金)?(?:数|金额)?$")


def _mentions_flat(text: str) -> bool:
    """A word of ``FLAT``: a cheap test before the pattern."""
    return any(map(text.__contains__, FLAT_WORDS))


def _is_balance(label: str) -> bool:
    return "结" in label and BALANCE_LABEL.match(label) is not None  # every balance word has 结


def _aside(passage: Passage, pos: int) -> bool:
    """Inside parentheses that are not a class mark "（类）"."""
    parentheses = passage.parentheses
    i = bisect_left(parentheses, pos)
    if not i or passage.text[parentheses[i - 1]] in "）)":
        return False  # the last parenthesis before pos closes
    return not CLASS_PARENS.fullmatch(passage.text, parentheses[i - 1] + 1, pos)


class _Reader:
    def __init__(self, passage: Passage, tokens: list[Token]):
        self.p = passage
        self.text = passage.text
        self.tokens = tokens
        # tokens are in text order and do not overlap: a span's tokens are a slice
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]

    # -- token helpers -------------------------------------------------------
    def before(self, pos: int, floor: int = 0) -> list[Token]:
        """The tokens within [floor, pos)."""
        return self.tokens[bisect_left(self.starts, floor):bisect_right(self.ends, pos)]

    def after(self, pos: int, ceiling: int) -> list[Token]:
        """The tokens within [pos, ceiling)."""
        return self.tokens[bisect_left(self.starts, pos):bisect_right(self.ends, ceiling)]

    @staticmethod
    def plain(t: Token) -> bool:
        """An amount or count that states a level (not a %, a change, an aside)."""
        return not t.is_percent and t.kind is not None and t.role not in ("change",) and not t.aside


@lru_cache(maxsize=8192)  # the same few words name many figures: read them once
def _reading(raw: str) -> tuple[str | None, str, str, str, str, bool]:
    """What the words before a figure make of it: (direction word or None, the label before
    that word, label, role, subject, whether the subject is a bare 收入/支出总计) — the direction
    counts only when the sentence names a base ("较上年"), which the caller sees."""
    direction = DIRECTION.search(raw)
    label = labels.clean(raw)
    subject = labels.subject_of(label)
    return (direction["word"] if direction else None, labels.clean(raw[:direction.start()]) if direction else "",
            label, labels.role_of(label, raw), subject, bool(BARE_TOTAL.match(subject)))


def read_tokens(passage: Passage) -> list[Token]:
    if not passage.figures:
        return []
    text = passage.text
    tokens: list[Token] = []
    # the years of the passage, read once: a figure's year is the last one before it in its sentence
    years = labels.years_in(text)
    year_ends = [end for _, end, _ in years]
    parenthesised = bool(passage.parentheses)  # most passages have none: no figure is an aside
    year = None
    for placed in passage.figures:
        start = placed.start
        raw = passage.label_before(start, tokens[-1].end if tokens else 0)
        sentence = passage.sentence_start(start)
        if years:
            last = bisect_right(year_ends, start) - 1
            year = years[last][2] if last >= 0 and years[last][0] >= sentence else None
        aside = parenthesised and _aside(passage, start)
        word, change_label, label, role, subject, bare_total = _reading(raw)
        if word is not None and BASE.search(text, sentence, start):
            token = Token(placed.figure, start, placed.end, passage, change_label, "", "change", year, aside,
                          -1 if word in NEGATIVE_WORDS else 1)
            tokens.append(token)
            continue
        token = Token(placed.figure, start, placed.end, passage, label, subject, role, year, aside)
        if bare_total:
            # "财政拨款收入总计A元，支出总计B元": the second total keeps the first one's scope
            for prev in reversed(tokens):
                if prev.start < sentence:
                    break
                scoped = SCOPED_TOTAL.match(prev.subject)
                if scoped and scoped["scope"]:
                    token.subject = scoped["scope"] + token.subject
                    break
        if not token.subject and role != "prior" and not token.is_percent:
            # "支出决算为3.27万元" names the subject of the amount before it in the sentence
            for prev in reversed(tokens):
                if prev.start < sentence:
                    break
                if prev.subject and prev.kind == token.kind and prev.role != "change":
                    token.subject = prev.subject
                    break
        tokens.append(token)
    return tokens


def document_year(tokens: Iterable[Token]) -> int | None:
    years = Counter(t.year for t in tokens if t.year)
    return years.most_common(1)[0][0] if years else None


def fix_units(tokens: list[Token], table_money: dict[Decimal, list[tuple[Figure, str]]]):
    """Money amounts printed with the wrong unit, proven by a table figure with the same
    digits (at least 6 significant) in the other unit and none in the printed unit.
    Returns (token, table figure, "「table」row") — a row naming the token's subject first."""
    fixes = []
    for token in tokens:
        if token.kind != "money" or token.is_percent:
            continue
        same = table_money.get(token.figure.value)  # Decimal keys: 1.50 finds 1.5
        if not same or len(token.figure.value.normalize().as_tuple().digits) < 6:
            continue
        if all(f.unit != token.unit for f, _ in same):
            subject = labels.key(token.subject)
            figure, where = max(same, key=lambda fw: bool(subject) and subject in fw[1])
            token.with_unit(figure.unit)
            fixes.append((token, figure, where))
    return fixes


def read_lists(reader: _Reader) -> list[Breakdown]:
    text = reader.text
    out = []
    for at, start in _list_markers(text):
        if not text.startswith("其中", at):
            if text[at - 2:at] == "其中":
                continue
            last = reader.before(at, reader.p.sentence_start(at))
            lead = text[last[-1].end if last else reader.p.sentence_start(at):at]
            if not COLON_LEAD.match(lead):
                continue
        close = reader.p.closing_parenthesis(at)
        end = close if close is not None else reader.p.sentence_end(start)
        following = reader.after(start, end)
        if close is not None:  # "1865人（其中市直209人，各县1656人）": the parts are the asides
            parts = [t for t in following if not t.is_percent and t.kind is not None and t.role != "change"]
            opened = text.rfind("（", 0, at), text.rfind("(", 0, at)
            heads = [t for t in reader.before(max(opened), reader.p.sentence_start(at))
                     if reader.plain(t) and parts and t.kind == parts[0].kind]
            if parts and heads:
                out.append(Breakdown(heads[-1], [t for t in parts if t.kind == heads[-1].kind], strong=True,
                                     complete=True))
            continue
        if not following or not reader.plain(following[0]) or following[0].role == "prior" or \
                CLAUSE_BREAK.search(text, start, following[0].start):
            continue  # a list starts with its first part, in the clause after the marker
        first = following[0]
        parts = _run_items(reader, first, end)
        if len(parts) == 1:
            segments = _segment_items(reader, start, end, first.kind)
            parts = segments if len(segments) > 1 else parts
        head, strong = _head(reader, at, first)
        out.append(Breakdown(head, parts, strong=strong))
    return out


def _list_markers(text: str) -> list[tuple[int, int]]:
    """(start, end) of the list markers — 其中 with the ：/:/，/, right after it, or a colon —
    left to right and not overlapping."""
    out: list[tuple[int, int]] = []
    for at in offsets(text, ("其中", "：", ":")):
        if out and at < out[-1][1]:
            continue  # the colon of "其中："
        end = at + 1
        if text.startswith("其中", at):
            end = at + 3 if at + 2 < len(text) and text[at + 2] in "：:，," else at + 2
        out.append((at, end))
    return out


def _list_openers(text: str) -> list[tuple[int, int]]:
    """(start, end) of 其中：/如下：/以下方面：."""
    out = []
    for colon in offsets(text, "：:"):
        word = next((w for w in LIST_WORDS if colon >= len(w) and text.startswith(w, colon - len(w))), None)
        if word is not None:
            out.append((colon - len(word), colon + 1))
    return out


def read_totals(reader: _Reader, lists: list[Breakdown]) -> list[Breakdown]:
    """"2021年度我单位共支出4533.57万元，基本支出1317.83万元，项目支出3215.74万元": a
    total named 共/合计/总计 followed, clause by clause, by amounts of the same unit."""
    out = []
    taken = {id(t) for b in lists for t in [b.head, *b.parts]}
    for head in reader.tokens:
        if not head.label.startswith(labels.TOTAL_WORDS) or id(head) in taken or not reader.plain(head):
            continue
        end = reader.p.sentence_end(head.end)
        following = reader.after(head.end, end)
        if not following or following[0].kind != head.kind or not reader.plain(following[0]):
            continue
        first = following[0]
        between = reader.text[head.end:first.start - len(reader.p.label_before(first.start, head.end))]
        parts = _run_items(reader, first, end)
        if len(parts) > 1 and between.strip() in ("，", ","):  # the parts start in the very next clause
            out.append(Breakdown(head, parts, strong=True))
    return out


def _segment_items(reader: _Reader, start: int, end: int, kind) -> list[Token]:
    parts = []
    bounds = [start] + [m.end() - start for m in SEGMENT_BREAK.finditer(reader.text, start, end)]
    bounds = [start] + [start + b for b in bounds[1:]] + [end]
    for a, b in zip(bounds, bounds[1:]):
        first = next((t for t in reader.after(a, b) if reader.plain(t) and t.kind == kind and t.role != "prior"), None)
        if first is None:
            break
        parts.append(first)
    return parts


def _run_items(reader: _Reader, first: Token, end: int) -> list[Token]:
    """Same-unit amounts one per clause, until a ；/。, a percentage or a change ends the run."""
    parts = [first]
    for t in reader.after(first.end, end):
        gap = reader.text[parts[-1].end:t.start]
        if SEGMENT_OR_SENTENCE.search(gap) or t.is_percent or t.role == "change":
            break
        if t.aside or t.kind != first.kind:
            continue
        if not LIST_BREAK.search(gap) or t.role != first.role or any(t.label and p.label == t.label for p in parts):
            break  # a second figure of one item, a restatement, or the next item's budget/actual pair
        parts.append(t)
    return parts


def _head(reader: _Reader, pos: int, first: Token, same_role: bool = False) -> tuple[Token | None, bool]:
    """The total a list breaks down: the last amount of the same kind before the marker in
    its sentence (strong), else the sentence before's only amount of that kind and role
    (weak: "年初预算A元，支出决算B元，完成…。其中：")."""
    sentence = reader.p.sentence_start(pos)

    def fitting(tokens: list[Token]) -> list[Token]:
        fits = [t for t in tokens if reader.plain(t) and t.kind == first.kind and t.role not in ("prior", "target")]
        same = [t for t in fits if (t.role == "budget") == (first.role == "budget")]
        return same if same or same_role else fits

    strong = fitting(reader.before(pos, sentence))
    if strong:
        return strong[-1], True
    previous = reader.p.sentence_start(max(sentence - 1, 0))
    weak = fitting(reader.before(sentence, previous))
    return (weak[0] if len(weak) == 1 else None), False


def read_percentages(reader: _Reader, lists: list[Breakdown]) -> tuple[list[Share], list[Rate], list[Token]]:
    text = reader.text
    shares, rates, change_pcts = [], [], []
    for pct in [t for t in reader.tokens if t.is_percent]:
        if pct.role == "change":
            change_pcts.append(pct)
            continue
        clause = text[reader.p.clause_start(pct.start):pct.start]
        phrase = _percent_phrase(clause)
        if phrase is None:
            continue
        kind, words = phrase
        if kind == "target":
            pct.role = "rate"
            rates.append(_target_rate(reader, pct, clause, words, reader.p.sentence_start(pct.start)))
        elif kind == "completion":
            pct.role = "rate"
            rates.append(_completion(reader, pct, reader.p.sentence_start(pct.start), words, clause))
        elif kind == "share":
            pct.role = "share"
            shares.append(_share(reader, pct, words, lists))
        else:
            rate = _count_rate(reader, pct, words)
            if rate is not None:
                pct.role = "rate"
                rates.append(rate)
    return shares, rates, change_pcts


@lru_cache(maxsize=4096)  # the words before a percentage repeat: 占比, 完成年初预算的, 执行率为
def _percent_phrase(clause: str) -> tuple[str, str | int] | None:
    """What the clause before a percentage states, with the words it names: ("target", where the
    target words start), ("completion", the budget named, "" for an 执行率), ("share", the whole
    named), ("count", the stem of X率); None for anything else."""
    if ("目标" in clause or "任务" in clause or "计划" in clause) and (target := TARGET.search(clause)):
        return "target", target.start()
    if (completion := COMPLETION.search(clause)) or EXECUTION.search(clause):
        return "completion", completion["base"] if completion else ""
    if "占" in clause and (share := SHARE.search(clause)):
        return "share", share["whole"]
    if (count := COUNT_RATE.search(clause)) and count["stem"] not in NOT_COUNT_STEMS:
        return "count", count["stem"]
    return None


def _target_rate(reader: _Reader, pct: Token, clause: str, at: int, sentence: int) -> Rate:
    """``at``: where the target words start in the clause."""
    clause_start = pct.start - len(clause)
    inline = [t for t in reader.before(pct.start, clause_start + at) if not t.is_percent]
    denominator = inline[-1] if inline else None
    numerator = None
    kinds = {denominator.kind} if denominator else None
    for t in reversed(reader.before(clause_start + at, sentence)):
        if reader.plain(t) and t.role not in ("prior", "target") and (kinds is None or t.kind in kinds):
            numerator = t
            break
    if denominator is not None:
        denominator.role = "target"
    return Rate("target", pct, numerator, denominator, strict=True, phrase=clause[at:].strip())


def _completion(reader: _Reader, pct: Token, sentence: int, base: str, clause: str) -> Rate:
    tokens = [t for t in reader.before(pct.start, sentence) if reader.plain(t)]
    budgets = [t for t in tokens if t.role == "budget"]
    if base.startswith(("年初", "全年", "调整后")):
        named = [t for t in budgets if base[:2] in t.label]
        budgets = named or budgets
    denominator = budgets[-1] if budgets else None
    actuals = [t for t in tokens if t.role == "actual" and t.kind == "money"]
    numerator = actuals[-1] if actuals else None
    kind = "completion" if base else "execution"
    # an 执行率 next to a 年初预算 may be computed on the adjusted budget
    strict = bool(base) or denominator is None or "年初" not in denominator.label
    return Rate(kind, pct, numerator, denominator, strict=strict, phrase=clause.strip())


def _count_rate(reader: _Reader, pct: Token, stem: str) -> Rate | None:
    """"接到…1340件，办结1315件，办结率98.13%": the count named by the rate's stem over the
    count before it in the same clause run."""
    segment = reader.p.segment_start(pct.start)
    counts = [t for t in reader.before(pct.start, segment) if reader.plain(t) and t.kind != "money"]
    for i in range(len(counts) - 1, max(len(counts) - 3, -1), -1):
        numerator = counts[i]
        if stem in numerator.label and not numerator.label.startswith(("未", "不", "没")):
            before = [t for t in counts[:i] if t.unit == numerator.unit and stem not in t.label]
            if before:
                return Rate("count", pct, numerator, before[-1], strict=False, phrase=f"{stem}率")
            return None
    return None


def _share(reader: _Reader, pct: Token, whole_label: str, lists: list[Breakdown]) -> Share:
    text = reader.text
    segment = reader.p.segment_start(pct.start)
    part = None
    for t in reversed(reader.before(pct.start, segment)):
        if reader.plain(t) and t.role != "prior":
            if len(COMMA.findall(text, t.end, pct.start)) <= 1:
                part = t
            break
    share = Share(pct, part, whole_label=labels.clean(whole_label))
    for group in lists:
        if part is not None and part in group.parts:
            share.group = group
            group.shares = group.shares or [None] * len(group.parts)
            group.shares[group.parts.index(part)] = pct
    return share


def _group_unnamed_shares(shares: list[Share]) -> None:
    """"2.47万元，占75.54%，…0万元，占0%，…0.8万元，占24.46%。": unnamed shares of one
    sentence outside any list share a whole, the sum of their parts."""
    sentences: dict[tuple[int, int], list[Share]] = {}
    for share in shares:
        if share.group is None and not share.whole_label and share.part is not None:
            passage = share.pct.passage
            sentences.setdefault((passage.index, passage.sentence_start(share.pct.start)), []).append(share)
    for group in sentences.values():
        if len(group) > 1:
            breakdown = Breakdown(None, [s.part for s in group], [s.pct for s in group], complete=True)
            for share in group:
                share.group = breakdown


def _group_unresolved_named(shares: list[Share]) -> None:
    """"基本支出…占一般公共预算支出的84.06%，项目支出…占一般公共预算支出的19.62%" with that
    whole nowhere stated: shares of one sentence naming one whole cannot exceed 100% together."""
    sentences: dict[tuple, list[Share]] = {}
    for share in shares:
        if share.whole_label and share.whole is None and share.part is not None and share.group is None:
            passage = share.pct.passage
            where = (passage.index, passage.sentence_start(share.pct.start), labels.key(share.whole_label))
            sentences.setdefault(where, []).append(share)
    for group in sentences.values():
        if len(group) > 1:
            breakdown = Breakdown(None, [s.part for s in group], [s.pct for s in group], complete=False)
            for share in group:
                share.group = breakdown


def resolve_wholes(shares: list[Share], tokens: list[Token], passages_first: dict[int, Token]) -> None:
    """The whole of each share: the amount named after 占…的, else the list's head. When
    the head is not in the sentence opening the list, the first amount of the passage is
    a second candidate, and the list takes the candidate its shares hold against (the
    head of "…主要原因是…210000000元…。其中，人员经费…占比41.90%" is the passage's
    财政拨款支出, not the amount in the reason)."""
    levels = [t for t in tokens if not t.is_percent and t.kind is not None and t.role in ("actual",) and not t.aside]
    unnamed: dict[int, list[Share]] = {}
    for share in shares:
        share.candidates = []
        if share.part is None:
            continue
        if len(labels.key(share.whole_label)) < 3:
            share.whole_label = ""  # "占支出的": too vague to name a figure
        if share.whole_label:
            head = share.group.head if share.group else None
            if head is not None and labels.same_subject(head.subject or head.label, share.whole_label):
                share.whole, share.strong = head, True
            else:
                share.whole = _named(levels, share)
                share.strong = share.whole is not None
            continue
        group = share.group
        if group is not None and group.head is not None and group.head is not share.part:
            share.candidates.append(group.head)
            share.strong = group.strong
        first = passages_first.get(share.pct.passage.index)
        same_sentence = first is not None and share.pct.passage.sentence_start(first.start) == \
            share.pct.passage.sentence_start(share.pct.start)
        if first is not None and first is not share.part and first not in share.candidates and not same_sentence \
                and not share.strong:
            share.candidates.append(first)
        share.whole = share.candidates[0] if share.candidates else None
        if group is not None:
            unnamed.setdefault(id(group), []).append(share)
    for members in unnamed.values():
        _settle_whole(members)


def _settle_whole(members: list[Share]) -> None:
    """The first candidate every share of the list holds against becomes the list's whole."""
    for candidate in members[0].candidates:
        if all(_holds(s, candidate) for s in members if candidate is not s.part):
            for share in members:
                share.whole = candidate
            group = members[0].group
            if group.head is not candidate and not group.strong:
                group.head = candidate
            return


def _holds(share: Share, whole: Token) -> bool:
    q = ratio(share.part.quantity, whole.quantity)
    return q is not None and compare(share.pct.figure, q).outcome is not Outcome.MISMATCH


def _named(levels: list[Token], share: Share) -> Token | None:
    part = share.part
    matches = [t for t in levels if t is not part and t.kind == part.kind
               and labels.same_subject(t.subject or t.label, share.whole_label)]
    if not matches:
        return None
    same_passage = [t for t in matches if t.passage is part.passage and t.start < part.start]
    earlier = [t for t in matches if t.passage.index < part.passage.index]
    return (same_passage or earlier or matches)[-1 if (same_passage or earlier) else 0]


def read_changes(reader: _Reader, change_pcts: list[Token]) -> list[Change]:
    text = reader.text
    changes: list[Change] = []
    amounts = [t for t in reader.tokens if t.role == "change" and not t.is_percent]
    paired: set[int] = set()
    for amount in amounts:
        change = Change(amount.direction, "", amount=amount, anchor=amount.start)
        i = bisect_left(reader.starts, amount.end)
        nxt = reader.tokens[i] if i < len(reader.tokens) else None
        if nxt is not None and nxt in change_pcts and not SEGMENT_OR_SENTENCE.search(text, amount.end, nxt.start):
            change.pct = nxt
            paired.add(id(nxt))
        changes.append(change)
    for pct in change_pcts:
        if id(pct) not in paired:
            changes.append(Change(pct.direction, "", pct=pct, anchor=pct.start))
    for match in FLAT.finditer(text) if _mentions_flat(text) else ():
        if text[max(0, match.start() - 3):match.start()].endswith(("预算数", "决算数")):
            continue
        changes.append(Change(0, match.group(), anchor=match.start()))
    for change in changes:
        _resolve_change(reader, change)
    return sorted(changes, key=lambda c: c.anchor)


def _resolve_change(reader: _Reader, change: Change) -> None:
    text = reader.text
    clause_start = reader.p.clause_start(change.anchor)
    clause = text[clause_start:change.anchor]
    word_at = change.anchor
    if change.amount is not None or change.pct is not None:
        lead = (change.amount or change.pct)
        raw = reader.p.label_before(lead.start, 0)
        direction = DIRECTION.search(raw)
        change.word = direction["word"] if direction else ""
        clause = text[clause_start:lead.start - len(raw) + (direction.start() if direction else len(raw))]
        word_at = clause_start + len(clause)
    # the subject is named before the first figure of the clause: "较上年收入1760.86万增加6.12%"
    inner = [t for t in reader.before(word_at, clause_start)]
    named_part = text[clause_start:inner[0].start] if inner else clause
    subject = labels.subject_of(labels.clean(BASE_PHRASE.sub("", named_part)))  # "决算数比上年…": no subject
    # the current figure may sit in an earlier sentence of the passage, not in an earlier list item
    floor = max(text.rfind("；", 0, word_at), text.rfind(";", 0, word_at)) + 1
    stated_prior = [t for t in inner if reader.plain(t) and t.role == "prior"]
    if stated_prior:
        change.prior = stated_prior[-1]
    # a change compares final amounts, else budgets ("2026年收入预算A万元，比2025年预算增加B万元";
    # "年初预算安排…较上年度增加15.08%")
    before = [t for t in reader.before(word_at, floor) if reader.plain(t)]
    levels = [t for t in before if t.role == "actual"] if change.amount is not None else []
    levels = levels or [t for t in before if t.role in ("actual", "budget")]
    if subject:  # a named subject must be found; the nearest figure is only for "较上年增加…"
        levels = [t for t in levels if labels.same_subject(t.subject or t.label, subject)]
    if not levels:
        return
    change.current = levels[-1]
    # sure of the current figure when named, in the change's sentence, or the only level of its own
    own = reader.p.sentence_start(change.current.start)
    change.strong = bool(subject) or own == reader.p.sentence_start(word_at) or \
        sum(1 for t in reader.before(reader.p.sentence_end(own), own) if reader.plain(t) and t.role == "actual") == 1
    if change.prior is not None or change.amount is not None:
        return
    # "2023年度…2.79万元 … 2022年度…20.50万元。较上年度…减少86.39%": the prior year's own figure
    label_of = change.current.subject or change.current.label
    same = [t for t in levels if labels.same_subject(t.subject or t.label, label_of) or
            (t.subject or t.label) == label_of]
    dated = [t for t in same if t.year is not None]
    if not dated:
        return
    latest = max(t.year for t in dated)
    current = [t for t in dated if t.year == latest][-1]
    prior = [t for t in dated if t.year == latest - 1]
    if prior:
        change.current, change.prior = current, prior[-1]


def check_unit_by_rate(rates: list[Rate]) -> list[tuple[Token, Token]]:
    """A completion rate that holds only when both amounts are read in one unit proves the
    odd unit wrong ("年初预算10650400元，支出决算25552618.58万元，完成年初预算的239.92%")."""
    fixes = []
    for rate in rates:
        num, den = rate.numerator, rate.denominator
        if num is None or den is None or num.kind != "money" or den.kind != "money" or num.unit == den.unit:
            continue
        q = ratio(num.quantity, den.quantity)
        if q is not None and compare(rate.pct.figure, q).outcome is not Outcome.MISMATCH:
            continue
        for odd, other in ((num, den), (den, num)):
            saved = odd.figure
            odd.with_unit(other.unit)
            q = ratio(num.quantity, den.quantity)
            if q is not None and compare(rate.pct.figure, q).outcome is Outcome.HOLDS:
                fixes.append((odd, other))
                break
            odd.figure, odd.printed_unit = saved, None
    return fixes


def read_balances(reader: _Reader) -> list[Balance]:
    """"年初预算142.4万元及时、足额到账，支出100万元，…，结余42.4万元": the balance named
    after a budget and the amount spent of it, in one sentence."""
    out = []
    for balance in reader.tokens:
        if not _is_balance(balance.label) or balance.kind != "money" or not reader.plain(balance):
            continue
        before = [t for t in reader.before(balance.start, reader.p.sentence_start(balance.start))
                  if reader.plain(t) and t.kind == "money" and not _is_balance(t.label)]
        spent = next((t for t in reversed(before) if t.role == "actual"), None)
        budget = next((t for t in reversed(before) if t.role == "budget" and spent and t.end <= spent.start), None)
        if spent is not None and budget is not None:
            out.append(Balance(budget, spent, balance))
    return out


def read_passage(passage: Passage, tokens: list[Token]):
    reader = _Reader(passage, tokens)
    lists = read_lists(reader)
    lists += read_totals(reader, lists)
    shares, rates, change_pcts = read_percentages(reader, lists)
    changes = read_changes(reader, change_pcts)
    return lists, shares, rates, changes, read_balances(reader)


def infer_precision(tokens: list[Token]) -> None:
    """Prose drops trailing zeros: "78万元" among "28.02万元, 2096.17万元" is 78.00万元, and
    "10650400元" in a document of amounts to the fen is exact. An amount printed with
    fewer decimals than its unit's usual precision in the document is read at that
    precision (most amounts with decimals agree on it, at least five of them)."""
    counts = Counter((t.unit, t.figure.decimals) for t in tokens if t.kind == "money" and t.figure.decimals)
    most: dict[str, tuple[int, int]] = {}  # unit: (decimals, amounts), the first most common
    for (unit, decimals), seen in counts.items():
        if unit not in most or seen > most[unit][1]:
            most[unit] = decimals, seen
    usual = {unit: decimals for unit, (decimals, seen) in most.items() if seen >= 5}
    for t in tokens if usual else ():
        if t.kind == "money" and t.figure.decimals < usual.get(t.unit, 0):
            f = t.figure
            t.figure = Figure(f.text, f.value, f.unit, usual[t.unit], f.location)


def sentence_lists(passages: list[Passage], per_passage: list[list[Token]], lists: list[Breakdown]) -> None:
    """"…完成年初预算的184.16%。其中：" opening a sentence, or "其中：" closing a paragraph,
    then one sentence (or paragraph) per part: "教育支出年初预算10650400元，支出决算…。…社会保障和就业支出年初预算…". The
    parts are the budget and the final amounts opening those sentences (two lists), up to
    the next heading or paragraph with figures opening otherwise (a paragraph naming the
    next item without figures is passed over); within the paragraph of the marker,
    sentences opening otherwise (a change, a reason) are passed over."""
    for i, passage in enumerate(passages):
        for at, end in _list_openers(passage.text):
            closing = not passage.text[end:].strip()
            opening = not passage.text[passage.sentence_start(at):at].strip()
            before = [t for t in per_passage[i] if t.end <= at]
            after = [t for t in per_passage[i] if t.start >= end]
            new_paragraph = not after or bool(before) and \
                before[-1].figure.location.paragraph != after[0].figure.location.paragraph
            if not (closing or opening or new_paragraph):
                continue  # "总数A，其中：甲a，占…。" within one sentence: read_lists has it
            if any(len(b.parts) > 1 and b.parts[0].passage is passage and
                   end <= b.parts[0].start <= end + 40 for b in lists):
                continue  # the parts follow within the sentence: read_lists has them
            by_role: dict[str, list[Token]] = {}
            for follow, tokens in [(passage, [t for t in per_passage[i] if t.start >= end])] + \
                    list(zip(passages[i + 1:], per_passage[i + 1:])):
                openers = _sentence_openers(follow, tokens, end if follow is passage else 0)
                if follow is not passage and (follow.heading or tokens and not openers):
                    break  # a heading, or a paragraph with figures not opening with a part, ends the list
                for token in openers:
                    by_role.setdefault(token.role, []).append(token)
            reader = _Reader(passage, per_passage[i])
            for parts in by_role.values():
                if len(parts) > 1 and len({t.kind for t in parts}) == 1:
                    head, strong = _head(reader, at, parts[0], same_role=True)
                    if head is not None:
                        lists[:] = [b for b in lists if b.head is not head or len(b.parts) > 1]
                        lists.append(Breakdown(head, parts, strong=strong))


def _sentence_openers(passage: Passage, tokens: list[Token], floor: int = 0) -> list[Token]:
    """The first budget and the first final amount of each sentence (read from ``floor``),
    when the sentence opens with them ("X支出年初预算A元，支出决算B元，…")."""
    out = []
    by_sentence: dict[int, list[Token]] = {}
    for t in tokens:
        by_sentence.setdefault(max(passage.sentence_start(t.start), floor), []).append(t)
    for start, group in by_sentence.items():
        first = group[0]
        if first.start - start > 30 or not _Reader.plain(first) or first.role not in ("actual", "budget"):
            continue
        out.append(first)
        second = next((t for t in group[1:] if _Reader.plain(t) and t.role in ("actual", "budget")), None)
        if second is not None and second.role != first.role and \
                len(COMMA.findall(passage.text, first.end, second.start)) <= 1:
            out.append(second)
    return out


def mark_categories(passages: list[Passage], per_passage: list[list[Token]]) -> None:
    """Amounts of a paragraph right after a heading line naming a class "X（类）" belong to that
    class: the per-item explanations of 财政拨款支出决算具体情况. The heading ends the passage
    before, after its last figure (the first heading is joined to "…完成年初预算的142.72%，其中：")."""
    for previous, passage, tokens in zip(passages, passages[1:], per_passage[1:]):
        after = previous.figures[-1].end if previous.figures else 0
        if not tokens or previous.index + 1 != passage.index or previous.text.find("类", after) < 0:
            continue  # (a passage between them was not kept: it has no 类)
        heading = CLASS_HEADING.search(previous.text, after)
        if heading:
            for token in tokens:
                token.category = heading.group(1)


def build(passages: list[Passage], table_money: dict) -> tuple[Claims, list]:
    per_passage = [read_tokens(p) for p in passages]
    mark_categories(passages, per_passage)
    tokens = [t for ts in per_passage for t in ts]
    infer_precision(tokens)
    unit_fixes = [(t, f, f"表中同一数字的单位为{f.unit}（{where}：{f.text}）")
                  for t, f, where in fix_units(tokens, table_money)]
    year = document_year(tokens)
    lists, shares, rates, changes, balances = [], [], [], [], []
    first_levels: dict[int, Token] = {}
    for passage, ts in zip(passages, per_passage):
        if not ts:  # without figures, only a flat statement ("与上年持平") can be a claim
            if _mentions_flat(passage.text):
                changes += read_changes(_Reader(passage, ts), [])
            continue
        first = next((t for t in ts if _Reader.plain(t) and t.role == "actual"), None)
        if first is not None:
            first_levels[passage.index] = first
        pl, ps, pr, pc, pb = read_passage(passage, ts)
        lists += pl
        shares += ps
        rates += pr
        changes += pc
        balances += pb
    sentence_lists(passages, per_passage, lists)
    unit_fixes += [(odd, other.figure, f"按{odd.unit}读取时，同句的完成率才成立（{other.figure.text}）")
                   for odd, other in check_unit_by_rate(rates)]
    _group_unnamed_shares(shares)
    resolve_wholes(shares, tokens, first_levels)
    _group_unresolved_named(shares)
    claims = Claims(tokens, shares, rates, changes, [b for b in lists if b.parts], balances, year)
    return claims, unit_fixes
