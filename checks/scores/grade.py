"""PRF022 — the grade word matches the total score."""

from __future__ import annotations

from typing import Iterable

from auditor.findings import Checked, Finding
from auditor.model import Document, Figure, Location, Severity
from auditor.registry import Check, register
from auditor.scores.forms import score_forms
from auditor.scores.patterns import STANDARD_BANDS, grade_for, stated_bands
from auditor.scores.prose import prose_totals
from auditor.scores.texts import document_texts


@register
class GradeMatchesScore(Check):
    """评价等次与总分不相符。

    What: a grade printed with a total — on the score table ("总分 | 96.76 | 优",
    "评价结果等次：优") or in the report ("得分96分，部门整体支出绩效为“优秀”") —
    is the one the score earns under the bands the document states ("90分（含）以上
    为优 …"), or, when it states none, the standard bands of 财预〔2020〕10号:
    优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
    Why: the grade is the headline result; a grade the score does not earn
    misstates the evaluation.
    Severity: error under the document's own bands; warning under the standard
    bands (a province may use others).
    Failing example::

        总分 | 86.5 | 优      → PRF022 warning: 86.5分 按标准等次为“良”，表中为“优”
    """

    code = "PRF022"

    def run(self, doc: Document) -> Iterable[Finding | Checked]:
        stated: list[tuple[Figure, str, str, Location]] = []  # score, grade word as printed, grade, where
        for form in score_forms(doc):
            scores = [t.score or t.single for t in form.totals if (t.score or t.single) is not None]
            if scores:
                stated += [(scores[-1], grade.word, grade.grade, grade.location) for grade in form.grades]
        stated += [(total.score, total.grade.word, total.grade.grade, total.grade.location)
                   for total in prose_totals(doc) if total.grade is not None]
        if not stated:  # the bands are read only when a grade needs them
            return
        paragraphs, cells = document_texts(doc)
        bands = stated_bands(paragraphs + cells)
        severity = Severity.ERROR if bands else Severity.WARNING
        bands = bands or STANDARD_BANDS
        source = "文件所列等次标准" if severity is Severity.ERROR else "标准等次（优≥90、良80-90、中60-80、差<60）"
        for score, word, grade, where in stated:
            yield self._compare(score, word, grade, where, bands, severity, source)

    def _compare(self, score: Figure, word: str, grade: str, where: Location, bands, severity, source):
        earned = grade_for(score.value, bands)
        if earned == grade:
            return Checked((score,))
        return self.finding(
            f"{score.text}{'' if score.text.endswith('分') else '分'} 按{source}应为“{earned}”，所写等次为“{word}”",
            severity=severity, figures=(score,), stated=score.value, location=where,
            arithmetic=f"{score.text} → {earned}", relation=("grade", where),
        )
