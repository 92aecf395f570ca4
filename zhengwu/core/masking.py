"""Masking of personal data for pages, logs, admin lists and exports.

* 居民身份证号: first 6 and last 4 visible — ``320282********1234``
* 手机号: first 3 and last 4 visible — ``138****5678``
"""

from __future__ import annotations

import logging
import re

ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


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


MASKERS = {
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
    return PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


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
        return hash((self.kind, self._plain))

    def __bool__(self) -> bool:
        return bool(self._plain)

    def __len__(self) -> int:
        return len(self._plain)


class MaskPersonalDataFilter(logging.Filter):
    """Logging filter: rewrites the formatted message with ID and phone numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
