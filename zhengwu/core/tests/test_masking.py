from __future__ import annotations

import copy
import logging
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.masking import (
    MaskPersonalDataFilter,
    ProtectedValue,
    mask,
    mask_id_number,
    mask_message,
    mask_name,
    mask_phone,
    mask_text,
)

ID_NUMBER = "320282199001011234"
PHONE = "13812345678"


def test_id_number_format():
    assert mask_id_number(ID_NUMBER) == "320282********1234"
    assert mask_id_number("32028219900101123X") == "320282********123X"


def test_phone_format():
    assert mask_phone(PHONE) == "138****5678"


@pytest.mark.parametrize(("value", "masked"), [("", ""), ("123", "***"), ("1234567890", "*" * 10)])
def test_short_values_are_fully_masked(value, masked):
    assert mask_id_number(value) == masked


def test_name_keeps_the_family_name():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("李") == "李"


def test_message_masks_codes_and_numbers():
    assert mask_message("您的验证码为 482913，5分钟内有效") == "您的验证码为 ******，5分钟内有效"


def test_mask_dispatches_by_kind():
    assert mask("phone", PHONE) == "138****5678"
    assert mask("id_number", ID_NUMBER) == "320282********1234"
    with pytest.raises(KeyError):
        mask("bank_card", "6222020000000000")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证{ID_NUMBER}，手机{PHONE}。", "身份证320282********1234，手机138****5678。"),
        ("32028219900101123x", "320282********123x"),
        ("138-1234-5678", "138-****-5678"),
        ("138 1234 5678", "138 **** 5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("+8613812345678", "+86138****5678"),
        ("8613812345678", "86138****5678"),
        # Not personal data: longer digit runs, other prefixes, plain numbers.
        ("订单号 138123456789", "订单号 138123456789"),
        ("12812345678", "12812345678"),
        ("共 1234 件", "共 1234 件"),
        ("3202821990010112345", "3202821990010112345"),
    ],
)
def test_mask_text(text, expected):
    assert mask_text(text) == expected


@given(
    prefix=st.text(alphabet="共计：，。 abc", max_size=5),
    second=st.integers(3, 9),
    body=st.integers(0, 10**9 - 1),
)
def test_mask_text_never_leaves_a_mobile_number(prefix, second, body):
    phone = f"1{second}{body:09d}"
    masked = mask_text(f"{prefix}{phone}{prefix}")
    assert phone not in masked
    assert phone[:3] + "****" + phone[-4:] in masked


# --- ProtectedValue ----------------------------------------------------------------------------


def test_protected_value_is_masked_everywhere():
    value = ProtectedValue("phone", PHONE)
    assert str(value) == "138****5678"
    assert repr(value) == "<phone 138****5678>"
    assert f"{value}" == "138****5678"
    assert f"{value:>12}" == " 138****5678"
    assert "%s" % value == "138****5678"  # noqa: UP031 - the old formatting path is checked too
    assert PHONE not in str([value])
    assert value.reveal() == PHONE
    assert value.masked == "138****5678"


def test_protected_value_compares_and_hashes_like_its_plaintext():
    value = ProtectedValue("phone", PHONE)
    assert value == PHONE
    assert value == ProtectedValue("phone", PHONE)
    assert value != ProtectedValue("phone", "13900000000")
    assert value != ProtectedValue("id_number", PHONE)
    assert hash(value) == hash(PHONE)  # equal objects hash equal
    assert {value: 1}[PHONE] == 1
    assert value != 13812345678


def test_protected_value_truthiness_and_length():
    assert not ProtectedValue("phone", "")
    assert ProtectedValue("phone", PHONE)
    assert len(ProtectedValue("phone", PHONE)) == 11


def test_protected_value_survives_pickle_and_copy():
    value = ProtectedValue("id_number", ID_NUMBER)
    assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own data
    assert copy.deepcopy(value).reveal() == ID_NUMBER


# --- logging filter ----------------------------------------------------------------------------


@pytest.fixture
def masked_logger():
    logger = logging.getLogger("zhengwu.tests.masking")
    records: list[str] = []

    class ListHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = ListHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(MaskPersonalDataFilter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, records
    logger.removeHandler(handler)
    logger.propagate = True


def test_log_filter_masks_arguments_and_message(masked_logger):
    logger, records = masked_logger
    logger.info("register %s with phone %s", ID_NUMBER, PHONE)
    logger.warning(f"inline {PHONE}")
    assert records == [
        "INFO register 320282********1234 with phone 138****5678",
        "WARNING inline 138****5678",
    ]


def test_log_filter_masks_protected_values_and_leaves_other_text(masked_logger):
    logger, records = masked_logger
    logger.info("user %s: %d tries", ProtectedValue("phone", PHONE), 3)
    assert records == ["INFO user 138****5678: 3 tries"]


def test_log_filter_masks_tracebacks(masked_logger):
    logger, records = masked_logger
    try:
        raise ValueError(f"duplicate phone {PHONE}")
    except ValueError:
        logger.exception("saving failed")
    assert PHONE not in records[0]
    assert "duplicate phone 138****5678" in records[0]


def test_log_filter_does_not_crash_on_a_malformed_call(masked_logger):
    logger, records = masked_logger
    logger.info("two args %s %s", PHONE)  # one missing
    assert len(records) == 1
    assert PHONE not in records[0]
    assert "138****5678" in records[0]


def test_log_filter_is_installed_in_settings():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert "mask_personal_data" in handler["filters"]
