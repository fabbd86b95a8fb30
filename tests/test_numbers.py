"""Number parsing: how a printed number becomes value, unit and decimals."""

from decimal import Decimal

import pytest

from auditor.numbers import find_in_prose, in_base_unit, is_empty, normalise, parse_cell


@pytest.mark.parametrize(
    "text, value, unit, decimals",
    [
        ("84,386,179.09", "84386179.09", None, 2),
        ("84386179.09", "84386179.09", None, 2),
        ("１２３．４５", "123.45", None, 2),  # full-width digits and point
        ("98.50%", "98.50", "%", 2),
        ("98.50％", "98.50", "%", 2),  # full-width percent
        ("-12.5", "-12.5", None, 1),
        ("－12.5", "-12.5", None, 1),  # full-width minus
        ("(1,234.50)", "-1234.50", None, 2),
        ("（1,234.50）", "-1234.50", None, 2),  # parenthesised negative, full-width
        ("1 234.50", "1234.50", None, 2),  # a space inside the number
        ("12.46万人次", "12.46", "万人次", 2),
        ("5分", "5", "分", 0),
        ("0", "0", None, 0),
    ],
)
def test_parse_cell_reads_value_unit_and_decimals(text, value, unit, decimals):
    number = parse_cell(text)
    assert number is not None
    assert (number.value, number.unit, number.decimals) == (Decimal(value), unit, decimals)


@pytest.mark.parametrize("text", ["", "—", "——", "-", "－", "/", "  "])
def test_blanks_and_dashes_are_empty_not_zero(text):
    assert is_empty(text)
    assert parse_cell(text) is None


@pytest.mark.parametrize("text", ["合计", "2022年", "中等职业教 育", "(12", "12)", "1.2.3", "第3条"])
def test_text_cells_are_not_numbers(text):
    assert parse_cell(text) is None


def test_prose_finds_amounts_with_units_and_spans():
    text = "财政拨款收入84,386,179.09元，较上年增加368789.9元，增长31.25%。"
    found = find_in_prose(text)
    assert [(n.text, n.value, n.unit) for n in found] == [
        ("84,386,179.09元", Decimal("84386179.09"), "元"),
        ("368789.9元", Decimal("368789.9"), "元"),
        ("31.25%", Decimal("31.25"), "%"),
    ]
    assert all(text[n.start:n.end] == n.text for n in found)


def test_prose_skips_years_dates_ordinals_and_unitless_numbers():
    text = "2022年度第三部分第2个项目，12月31日，行次 1.00，共有13个机构。"
    assert [n.text for n in find_in_prose(text)] == ["13个"]


def test_prose_magnitudes_keep_printed_unit_and_convert_on_demand():
    (number,) = find_in_prose("预算1.45亿元")
    assert (number.value, number.unit) == (Decimal("1.45"), "亿元")
    assert in_base_unit(number.value, number.unit) == (Decimal("145000000.00"), "元")
    assert in_base_unit(Decimal("4.6"), "万元") == (Decimal("46000.0"), "元")
    assert in_base_unit(Decimal("12.46"), "万人次") == (Decimal("124600.00"), "人次")


def test_chinese_comma_is_a_clause_separator_not_a_thousands_separator():
    found = find_in_prose("其中高级2745人，中级2664人")
    assert [n.value for n in found] == [Decimal(2745), Decimal(2664)]


def test_ranges_do_not_produce_negative_numbers():
    assert [n.value for n in find_in_prose("分数值0-3分")] == [Decimal(3)]


def test_normalise_keeps_length_for_spans():
    text = "增长３１．２５％，（一）"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "增长31.25%，(一)"
