from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.validators import (
    ID_PROVINCES,
    ORG_WEIGHTS,
    USCC_CHARSET,
    credit_code_check_char,
    id_number_check_digit,
    org_code_check_char,
    validate_credit_code,
    validate_id_number,
    validate_org_code,
    validate_phone,
    validate_region_code,
)


def fullwidth(text: str) -> str:
    """The full-width form of ASCII text (built here to keep the source free of look-alikes)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def error_code(validator, value) -> str:
    with pytest.raises(ValidationError) as info:
        validator(value)
    return info.value.code


# --- strategies: valid numbers, with their check characters computed --------------------------


@st.composite
def id_numbers(draw) -> str:
    province = draw(st.sampled_from(sorted(ID_PROVINCES)))
    rest_of_region = draw(st.integers(0, 9999))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)))
    order = draw(st.integers(0, 999))
    first17 = f"{province:02d}{rest_of_region:04d}{born:%Y%m%d}{order:03d}"
    return first17 + id_number_check_digit(first17)


uscc_chars = st.sampled_from(USCC_CHARSET)
org_chars = st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@st.composite
def credit_codes(draw) -> str:
    head = draw(st.text(uscc_chars, min_size=2, max_size=2))
    region = f"{draw(st.integers(0, 999999)):06d}"
    body = draw(st.text(uscc_chars, min_size=9, max_size=9))
    first17 = head + region + body
    return first17 + credit_code_check_char(first17)


@st.composite
def org_codes(draw) -> str:
    body = draw(st.text(org_chars, min_size=8, max_size=8))
    return body + org_code_check_char(body)


# --- 居民身份证号码 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "11010519491231002X",  # the example in GB 11643-1999
        "11010519491231002x",  # lower-case x is accepted
        " 11010519491231002X ",  # surrounding spaces are ignored
    ],
)
def test_id_number_examples_are_valid(value):
    validate_id_number(value)


@given(id_numbers())
def test_valid_id_numbers_are_accepted(value):
    validate_id_number(value)


@given(id_numbers(), st.integers(0, 9))
def test_a_wrong_check_digit_is_rejected(value, digit):
    wrong = str(digit) if str(digit) != value[17] else "X" if value[17] != "X" else "0"
    assert error_code(validate_id_number, value[:17] + wrong) == "id_check"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "id_length"),
        ("11010519491231002", "id_length"),
        ("11010519491231002X1", "id_length"),
        ("1101051949123100XX", "id_chars"),
        ("11010519491231002A", "id_chars"),
        ("A1010519491231002X", "id_chars"),
        # Full-width, Arabic-Indic and superscript digits: Python's isdigit() accepts them.
        (fullwidth("11010519491231002X"), "id_chars"),
        ("1101051949123100\u0662X", "id_chars"),  # Arabic-Indic two
        ("\u00b21010519491231002X", "id_chars"),  # superscript two: int() raised ValueError
        ("11010519491231002\u0661", "id_chars"),
        ("991051194912310021", "id_region"),
        ("000000194912310021", "id_region"),
        ("110105194902300021", "id_birth"),  # 30 February
        ("110105194913010021", "id_birth"),  # month 13
        ("110105189912310021", "id_birth"),  # before 1900
    ],
)
def test_invalid_id_numbers_are_rejected_with_their_reason(value, code):
    assert error_code(validate_id_number, value) == code


def test_birth_date_in_the_future_is_rejected():
    with time_machine.travel(date(2026, 6, 1), tick=False):
        tomorrow = date(2026, 6, 2)
        first17 = f"110105{tomorrow:%Y%m%d}001"
        assert (
            error_code(validate_id_number, first17 + id_number_check_digit(first17)) == "id_birth"
        )
        today = tomorrow - timedelta(days=1)
        first17 = f"110105{today:%Y%m%d}001"
        validate_id_number(first17 + id_number_check_digit(first17))


def test_id_messages_are_chinese():
    with pytest.raises(ValidationError) as info:
        validate_id_number("11010519491231002")
    assert info.value.messages == ["身份证号码应为18位，当前为17位。"]
    with pytest.raises(ValidationError) as info:
        validate_id_number("110105194912310021")
    assert "校验位不正确" in info.value.messages[0]


# --- 统一社会信用代码 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["91350100M000100Y43", "91110000802100433B", "91350100m000100y43"]
)
def test_credit_code_examples_are_valid(value):
    validate_credit_code(value)


@given(credit_codes())
def test_valid_credit_codes_are_accepted(value):
    validate_credit_code(value)


@given(credit_codes(), uscc_chars)
def test_a_wrong_credit_check_character_is_rejected(value, char):
    if char == value[17]:
        char = "0" if value[17] != "0" else "1"
    assert error_code(validate_credit_code, value[:17] + char) == "uscc_check"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91350100M000100Y4", "uscc_length"),
        ("91350100M000100Y433", "uscc_length"),
        ("91350100M000100I43", "uscc_chars"),  # I is not used
        ("91350100O000100Y43", "uscc_chars"),  # O is not used
        ("9135010ZM000100Y43", "uscc_chars"),  # Z is not used, and not a region code
        ("913501A0M000100Y43", "uscc_chars"),  # positions 3-8 are the region code
        ("9135" + fullwidth("0") + "100M000100Y43", "uscc_chars"),  # crashed .index() before
        ("91350100M000100Y44", "uscc_check"),
    ],
)
def test_invalid_credit_codes_are_rejected_with_their_reason(value, code):
    assert error_code(validate_credit_code, value) == code


# --- 组织机构代码 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["757952943", "75795294-3", " 757952943 "])
def test_org_code_examples_are_valid(value):
    validate_org_code(value)


def test_org_code_check_char_of_757952943():
    weights = sum(int(c) * w for c, w in zip("75795294", ORG_WEIGHTS, strict=True))
    assert weights == 294
    assert org_code_check_char("75795294") == "3"


@given(org_codes())
def test_valid_org_codes_are_accepted(value):
    validate_org_code(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("757952944", "org_check"),
        ("75795294", "org_format"),
        ("7579529430", "org_format"),
        ("75795294A", "org_format"),  # the check character is a digit or X
        ("7579529" + fullwidth("4") + "3", "org_format"),
    ],
)
def test_invalid_org_codes_are_rejected(value, code):
    assert error_code(validate_org_code, value) == code


# --- 手机号码 and 行政区划代码 -------------------------------------------------------------------


@given(st.integers(3, 9), st.integers(0, 10**9 - 1))
def test_valid_phones_are_accepted(second, rest):
    validate_phone(f"1{second}{rest:09d}")


@pytest.mark.parametrize(
    "value",
    ["", "1381234567", "138123456789", "12812345678", "23812345678", "138-1234-5678",
     "13812345678\n1", fullwidth("13812345678"), "1381234567" + fullwidth("8")],
)  # fmt: skip
def test_invalid_phones_are_rejected(value):
    assert error_code(validate_phone, value) == "phone"


@pytest.mark.parametrize("value", ["321282", "321282100001", " 320000 "])
def test_valid_region_codes(value):
    validate_region_code(value)


@pytest.mark.parametrize(
    "value", ["32128", "3212821", "32128210000", "32128A", fullwidth("321282")]
)
def test_invalid_region_codes(value):
    assert error_code(validate_region_code, value) == "region"
