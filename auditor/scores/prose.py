"""Scores stated in sentences.

The grammar (over one paragraph, full-width forms folded):

- a *group total* names a group, its weight and its score:
  "部门职能总评价分10分，实际得分8分", "部门管理总评价分20分，评价得分17分",
  "此项指标应得12分，实得12分" (the group is then the numbered heading the
  segment started with: "2、预算管理 …");
- *sub-scores* are the "得N分" (also "得分N分", and the common typo "，的N分")
  listed before a group total in the same segment: "…得1分；…得4分；…得3分；…得1分。";
  a segment starts at the paragraph start, at a numbered heading ("（2）", "2、",
  "二、") and after each total; deductions ("扣0.5分") and ranges ("得0-2分") are
  not sub-scores;
- an *overall total* is the evaluation's own score: "项目绩效自评得分为97分",
  "部门整体支出绩效评价得分为98分", or "得分96分，部门整体支出绩效为“优秀”";
- a *grade* follows an overall total: "为“优秀”", "属于“优”".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.memo import once_per
from auditor.model import Document, Figure, Location, Paragraph
from auditor.numbers import normalise
from auditor.scores.forms import span_figure
from auditor.scores.patterns import grade_of

NUM = r"\d+(?:\.\d+)?"
GROUP_TOTAL = re.compile(
    rf"(?:总评价分|总评分|总分值|评价总分|应得分?|评价得分|总分|满分)(?:为|是)?\s*(?P<w>{NUM})\s*分\s*[，,、；;]?\s*"
    rf"(?:其中)?(?:实际得分|评价得分|自评得分|实得分?|实际得|评价得|得分|得)(?:为|是)?\s*(?P<s>{NUM})\s*分"
)
GRADE_AFTER = r"(?:为|属于|评定为|评为|等级为|等次为|等级|等次)\s*[“\"]?(?P<g>优秀|良好|中等|不合格|合格|优|良|中|差)[”\"]?"
OVERALL = re.compile(
    rf"(?:(?:自评|评价|综合评价|综合|考评)得分(?:为|是)?\s*(?P<s1>{NUM})\s*分(?:[，,]\s*[^。；;]{{0,24}}?{GRADE_AFTER})?)"
    rf"|(?:得分(?:为|是)?\s*(?P<s2>{NUM})\s*分[，,]\s*[^。；;]{{0,24}}?{GRADE_AFTER.replace('?P<g>', '?P<g2>')})"
)
# SUB_SCORE and SEGMENT open with a lookahead on their first character: with no literal prefix re
# tries every alternative at every position, and one test rules most positions out (twice as fast)
SUB_SCORE = re.compile(rf"(?=[得的])(?:(?<![扣减加满])得(?:分)?(?:为)?|(?<=[，,；;。])的)\s*(?P<n>{NUM})\s*分(?![值数率])")
SEGMENT = re.compile(
    r"(?=[（(一二三四五六七八九十\d])"
    r"(?:[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|(?<!\d)\d{1,2}、)"
)
CLAUSE_BREAK = re.compile(r"[。；;，,：:！!？?]")
SENTENCE_END = re.compile(r"[。；;]")
SELF_REFERENCE = re.compile(r"^(?:此项|该项|本项)(?:指标)?$")
HEADING_NAME = re.compile(r"^\s*([\u4e00-\u9fff“”\"]{2,16}?)(?=[\s：:，,。（(]|方面|情况|$)")
WHOLE_DEPARTMENT = re.compile(r"整体")


@dataclass(eq=False)
class ProseGrade:
    word: str
    grade: str
    location: Location


@dataclass(eq=False)
class ProseTotal:
    """A score stated in a sentence, with the sub-scores listed before it."""

    name: str  # the group it names ("部门职能"); "" for an overall total
    score: Figure
    paragraph: Paragraph
    weight: Figure | None = None
    parts: list[Figure] = field(default_factory=list)
    overall: bool = False
    subject: str = ""  # the sentence stating it, to find the form it speaks of
    grade: ProseGrade | None = None

    @property
    def figures(self) -> list[Figure]:
        return [f for f in (self.weight, self.score) if f] + self.parts


def _figure(paragraph: Paragraph, where: Location, match: re.Match, group: str) -> Figure:
    return span_figure(paragraph.text, *match.span(group), where)


def _clause_before(text: str, start: int) -> str:
    head = text[max(0, start - 40):start]
    pieces = CLAUSE_BREAK.split(head)
    return pieces[-1].strip() if pieces else ""


def _heading(text: str, segments: list[re.Match], start: int) -> str:
    """The name a numbered segment starts with: "2、预算管理 我局…" → "预算管理"."""
    markers = [m for m in segments if m.end() <= start]
    if not markers:
        return ""
    match = HEADING_NAME.match(text[markers[-1].end():])
    return match.group(1) if match else ""


def read_paragraph(paragraph: Paragraph) -> list[ProseTotal]:
    text = normalise(paragraph.text)
    if "得" not in text:  # every total states a score with 得 (得分, 实得, 评价得)
        return []
    where = paragraph.location
    found: list[ProseTotal] = []
    taken: list[tuple[int, int]] = []
    groups = list(GROUP_TOTAL.finditer(text))
    # the numbered-segment markers before the last group total's weight, where names and sub-scores
    # start (no marker straddles a weight, so the scan stops there: one long paragraph is most of the cost)
    segments = list(SEGMENT.finditer(text, 0, groups[-1].start("w"))) if groups else []
    for match in groups:
        name = _clause_before(text, match.start())
        if SELF_REFERENCE.match(name) or not name:
            name = _heading(text, segments, match.start()) or name
        found.append(ProseTotal(name=name, score=_figure(paragraph, where, match, "s"), paragraph=paragraph,
                                weight=_figure(paragraph, where, match, "w")))
        taken.append(match.span())
    for match in OVERALL.finditer(text) if "得分" in text else ():  # both its forms say 得分
        if any(a <= match.start() < b for a, b in taken):
            continue
        group = "s1" if match.group("s1") else "s2"
        grade_group = "g" if match.group("g") else "g2" if match.group("g2") else None
        grade = None
        if grade_group:
            word = match.group(grade_group)
            grade = ProseGrade(word, grade_of(word), where.with_span(*match.span(grade_group)))
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。；;") + 1
        stop = SENTENCE_END.search(text, match.end())
        sentence = text[sentence_start:stop.start() if stop else len(text)]
        found.append(ProseTotal(name="", score=_figure(paragraph, where, match, group), paragraph=paragraph,
                                overall=True, subject=sentence, grade=grade))
        taken.append(match.span())
    found.sort(key=lambda t: t.score.location.start)
    if not groups:  # no group total: no sub-scores to collect
        return found
    # sub-scores: the 得N分 of the segment that each group total closes
    boundaries = sorted({m.start() for m in segments} | {t.score.location.end for t in found})
    for total in found:
        if total.overall:
            continue
        start = max([b for b in boundaries if b < total.weight.location.start] + [0])
        for match in SUB_SCORE.finditer(text, start, total.weight.location.start):
            if not any(a <= match.start() < b for a, b in taken):
                total.parts.append(_figure(paragraph, where, match, "n"))
    return found


@once_per
def prose_totals(doc: Document) -> list[ProseTotal]:
    """Every score stated in the document's paragraphs, in order."""
    return [t for p in doc.paragraphs if "分" in p.text for t in read_paragraph(p)]


def speaks_of_whole_department(total: ProseTotal) -> bool:
    return bool(WHOLE_DEPARTMENT.search(total.subject))
