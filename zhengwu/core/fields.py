"""Model fields for personal data: SM4-encrypted at rest, masked when shown.

``EncryptedField`` stores ``crypto.encrypt(...)`` output and returns a
:class:`~zhengwu.core.masking.ProtectedValue` when read, so a value printed, logged, rendered
or exported without an explicit ``.reveal()`` is always masked. Look-ups go through a
companion blind-index column (``BlindIndexField``) filled by ``blind_index()``.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from . import crypto
from .masking import ProtectedValue


class EncryptedField(models.TextField):
    description = "SM4-encrypted personal data"

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return ProtectedValue(self.kind, crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, ProtectedValue):
            return value
        if isinstance(value, str) and value.startswith(crypto.PREFIX + "$"):
            return ProtectedValue(self.kind, crypto.decrypt(value))
        return ProtectedValue(self.kind, str(value)) if value != "" else value

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        if isinstance(value, ProtectedValue):
            value = value.reveal()
        value = str(value)
        if value.startswith(crypto.PREFIX + "$"):
            return value  # already ciphertext (e.g. key rotation copying raw values)
        return crypto.encrypt(value)

    def value_to_string(self, obj: models.Model) -> str:
        # Serialisation (dumpdata, exports) never writes plaintext.
        value = self.value_from_object(obj)
        return "" if value in (None, "") else str(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            return None  # ciphertext cannot be searched; use the blind index
        return super().get_lookup(lookup_name)


class BlindIndexField(models.CharField):
    """64 hex characters of HMAC-SM3 (see ``crypto.blind_index``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)
