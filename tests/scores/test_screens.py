"""The cheap tests that spare the patterns most texts decide exactly as the patterns would:
grade bands are found wherever BAND_STATED finds them, a header needs one of HEADER_WORDS,
a scoring formula one of FORMULA_HINTS, and a numbered heading names the group total after it."""

import re
import unicodedata
from decimal import Decimal

from auditor.model import Paragraph
from auditor.scores.patterns import (
    FUNDS_ROLES, HEADER_WORDS, NEGATIVE_FORMULA, POSITIVE_FORMULA, SCORE_HEADER, stated_bands,
)
from auditor.scores.prose import read_paragraph
from checks.scores.indicator_formula import FORMULA_HINTS

BANDS = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))


def test_bands_are_read_across_spaces_and_line_breaks_in_any_text():
    texts = ["评价结果", "90 分（含）以\n上为“优”", "80分（含）-90分为良，60-80分为\u3000中"]
    assert stated_bands(texts) == BANDS


def test_bands_need_the_grade_word_right_after_the_band():
    assert stated_bands(["其中90分以上的项目为优", "80分以上为良"]) is None  # "的项目" is not band wording
    assert stated_bands(["得分92，评价良好；一般项目85"]) is None


def test_the_first_statement_of_a_band_counts_and_texts_stay_apart():
    texts = ["90分以上为优", "95", "分以上为优", "75分以上为良"]  # "95" and "分以上为优" are two cells
    assert stated_bands(texts) == (("优", Decimal(90)), ("良", Decimal(75)), ("差", Decimal(0)))


def test_every_header_pattern_holds_a_header_word():
    executed = dict(FUNDS_ROLES)["executed"]
    for pattern in (SCORE_HEADER, executed):
        for alternative in pattern.pattern.split("|"):
            assert any(word in alternative.strip("^$") for word in HEADER_WORDS), alternative


def test_formula_hints_cover_every_way_normalising_can_spell_the_formula_words():
    for pattern in (POSITIVE_FORMULA, NEGATIVE_FORMULA):
        assert re.search("向指标", pattern.pattern)
    # 向 and 标 have no other spelling; 指 has one (the squared 🈯), which the hints include
    spellings = {ch: [chr(c) for c in range(0x110000) if unicodedata.normalize("NFKC", chr(c)) == ch]
                 for ch in "向指标"}
    assert spellings == {"向": ["向"], "指": ["指", "\U0001F22F"], "标": ["标"]}
    assert set(FORMULA_HINTS) == {"向" + spelling + "标" for spelling in spellings["指"]}


def test_a_numbered_heading_names_the_total_of_its_segment_in_a_long_paragraph():
    text = "1、部门目标 得2分。2、预算管理 我局按时编制预算，得5分；执行到位，得7分；此项指标应得12分，实得12分。" \
           + "3、资产管理 账实相符。" * 200
    (total,) = read_paragraph(Paragraph(0, text))
    assert (total.name, total.weight.value, total.score.value) == ("预算管理", Decimal(12), Decimal(12))
    assert [f.value for f in total.parts] == [Decimal(5), Decimal(7)]
