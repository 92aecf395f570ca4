"""Masking of personal data for pages, logs, admin lists and exports.

* 居民身份证号: first 6 and last 4 visible — ``320282********1234``
* 手机号: first 3 and last 4 visible — ``138****5678``
"""

from __future__ import annotations

import logging
import re

ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
# Mobile numbers as people write them: ``13812345678``, ``138-1234-5678``, ``138 1234 5678``,
# ``+86 13812345678``, ``8613812345678`` (the country code used to hide the number from the mask).
PHONE_RE = re.compile(r"(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)([- ]?)(\d{4})([- ]?)(\d{4})(?!\d)")


def mask_id_number(value: str) -> str:
    value = value.strip()
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    value = value.strip()
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str) -> str:
    """姓名: keep the family name — ``张*`` / ``欧阳**``."""
    value = value.strip()
    if len(value) <= 1:
        return value
    return value[0] + "*" * (len(value) - 1)


def mask_message(value: str) -> str:
    """Message bodies (SMS codes, notices) are shown with numbers and IDs masked."""
    return mask_text(re.sub(r"(?<!\d)\d{4,8}(?!\d)", lambda m: "*" * len(m.group(0)), value))


def mask_contact(value: str) -> str:
    """A notification recipient: an e-mail address keeps its first letter and domain
    (``z***@example.gov.cn``); anything else is masked as a phone number."""
    value = value.strip()
    local, at, domain = value.partition("@")
    if at:
        return (local[:1] + "***" if local else "***") + "@" + domain
    return mask_phone(value)


MASKERS = {
    "contact": mask_contact,
    "id_number": mask_id_number,
    "phone": mask_phone,
    "name": mask_name,
    "message": mask_message,
}


def mask(kind: str, value: str) -> str:
    return MASKERS[kind](value)


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number that appears in free text (logs, messages)."""
    text = ID_NUMBER_RE.sub(lambda m: m.group(1) + "*" * 8 + m.group(3)[-4:], text)
    return PHONE_RE.sub(lambda m: m.group(1) + m.group(2) + "****" + m.group(4) + m.group(5), text)


class ProtectedValue:
    """A decrypted personal-data value that shows itself masked unless explicitly revealed.

    ``str()``, ``repr()``, templates, f-strings and JSON exports all see the masked form;
    code that truly needs the plaintext calls :meth:`reveal` (and pages that show it to a
    person go through the audited reveal service).
    """

    __slots__ = ("_plain", "kind")

    def __init__(self, kind: str, plain: str) -> None:
        self.kind = kind
        self._plain = plain

    def reveal(self) -> str:
        return self._plain

    @property
    def masked(self) -> str:
        return mask(self.kind, self._plain)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"<{self.kind} {self.masked}>"

    def __format__(self, spec: str) -> str:
        return format(self.masked, spec)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ProtectedValue):
            return self.kind == other.kind and self._plain == other._plain
        if isinstance(other, str):
            return self._plain == other
        return NotImplemented

    def __hash__(self) -> int:
        # Equal to the plain string (see __eq__), so it must hash like it.
        return hash(self._plain)

    def __bool__(self) -> bool:
        return bool(self._plain)

    def __len__(self) -> int:
        return len(self._plain)


class MaskPersonalDataFilter(logging.Filter):
    """Logging filter: rewrites the formatted message with ID and phone numbers masked.

    The traceback (``exc_info``) and ``stack_info`` are masked too: an exception message such as
    ``IntegrityError: … (13812345678)`` would otherwise reach the log in clear.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
            malformed = False
        except Exception:  # a malformed call (wrong args) must not crash the caller
            message = f"{record.msg!s} {record.args!r}"
            malformed = True
        masked = mask_text(message)
        if malformed or masked != message:
            record.msg = masked
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
