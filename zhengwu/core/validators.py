"""Validators for Chinese identifiers. Every error message is Chinese and says what is wrong.

* 居民身份证号码 — GB 11643-1999 (18 digits, ISO 7064 MOD 11-2 check digit, real birth date)
* 统一社会信用代码 — GB 32100-2015 (18 characters, MOD 31 check character)
* 组织机构代码 — GB 11714-1997 (8 body characters + MOD 11 check character)
* 手机号码 — 11 digits beginning 13 to 19
* 行政区划代码 — GB/T 2260: 6 digits (county level) or 12 digits (statistical division code)
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# Province-level prefixes of GB/T 2260, plus 81/82/83 used by 港澳台居民居住证.
ID_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
     52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)  # fmt: skip

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# All patterns are ASCII-only and used with fullmatch(): Python's \d also matches full-width and
# other Unicode digits (full-width, Arabic-Indic, superscript "²"), which then crashed int() or slipped past the check.
# The ^…$ anchors stay because other modules call .match(); here fullmatch() is used, which also
# refuses a trailing newline that $ alone lets through.
ID_RE = re.compile(r"^[0-9]{17}[0-9X]$")
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")

ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_RE = re.compile(r"^[0-9A-Z]{8}[0-9X]$")

PHONE_RE = re.compile(r"^1[3-9][0-9]{9}$")
REGION_RE = re.compile(r"^([0-9]{6}|[0-9]{12})$")


def normalise_id_number(value: str) -> str:
    return value.strip().upper()


def id_number_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def validate_id_number(value: str) -> None:
    """Raise ValidationError unless ``value`` is a valid 18-digit 居民身份证号码."""
    value = normalise_id_number(value)
    if len(value) != 18:
        raise ValidationError(
            _("身份证号码应为18位，当前为%(n)d位。") % {"n": len(value)}, code="id_length"
        )
    if not ID_RE.fullmatch(value):
        raise ValidationError(_("身份证号码前17位须为数字，末位为数字或X。"), code="id_chars")
    if int(value[:2]) not in ID_PROVINCES:
        raise ValidationError(_("身份证号码的地址码不正确。"), code="id_region")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期不存在。"), code="id_birth") from None
    if born.year < 1900 or born > timezone.localdate():
        raise ValidationError(_("身份证号码中的出生日期不合理。"), code="id_birth")
    if id_number_check_digit(value[:17]) != value[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对后重新输入。"), code="id_check")


def credit_code_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Raise ValidationError unless ``value`` is a valid 统一社会信用代码 (GB 32100-2015)."""
    value = value.strip().upper()
    if len(value) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(n)d位。") % {"n": len(value)}, code="uscc_length"
        )
    if not USCC_RE.fullmatch(value):
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V），第3至8位应为行政区划码。"),
            code="uscc_chars",
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("统一社会信用代码校验位不正确，请核对后重新输入。"), code="uscc_check"
        )


def org_code_check_char(first8: str) -> str:
    def val(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - 55  # A=10 … Z=35

    remainder = 11 - sum(val(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def validate_org_code(value: str) -> None:
    """Raise ValidationError unless ``value`` is a 9-character 组织机构代码 (GB 11714-1997)."""
    value = value.strip().upper().replace("-", "")
    if not ORG_RE.fullmatch(value):
        raise ValidationError(
            _("组织机构代码应为9位（8位本体代码加1位校验码）。"), code="org_format"
        )
    if org_code_check_char(value[:8]) != value[8]:
        raise ValidationError(_("组织机构代码校验码不正确。"), code="org_check")


def validate_phone(value: str) -> None:
    if not PHONE_RE.fullmatch(value.strip()):
        raise ValidationError(_("请输入11位中国大陆手机号码。"), code="phone")


def validate_region_code(value: str) -> None:
    if not REGION_RE.fullmatch(value.strip()):
        raise ValidationError(
            _("行政区划代码应为6位（县级及以上）或12位（乡镇、村级）数字。"), code="region"
        )
