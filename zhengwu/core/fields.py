"""Model fields for personal data: SM4-encrypted at rest, masked when shown.

``EncryptedField`` stores ``crypto.encrypt(...)`` output and returns a
:class:`~zhengwu.core.masking.ProtectedValue` when read, so a value printed, logged, rendered
or exported without an explicit ``.reveal()`` is always masked. Assigning a plain string
(``user.phone = "13812345678"``) wraps it at once, so the attribute never holds a bare ``str``.
Look-ups go through a companion blind-index column (``BlindIndexField``) filled by
``blind_index()``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.apps import apps
from django.core import checks
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from . import crypto
from .masking import MASKERS, ProtectedValue


class ProtectedAttribute(DeferredAttribute):
    """Descriptor that turns every value assigned to an ``EncryptedField`` into a ProtectedValue."""

    field: EncryptedField

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class EncryptedField(models.TextField):
    description = "SM4-encrypted personal data"
    descriptor_class = ProtectedAttribute

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        if kind not in MASKERS:
            raise ValueError(f"EncryptedField kind must be one of {sorted(MASKERS)}, not {kind!r}")
        self.kind = kind
        super().__init__(*args, **kwargs)

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique or getattr(self, "db_index", False):
            errors.append(
                checks.Error(
                    "EncryptedField cannot be unique or indexed: every write uses a fresh nonce.",
                    hint="Put unique=True / db_index=True on the companion BlindIndexField.",
                    obj=self,
                    id="zhengwu.E001",
                )
            )
        return errors

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return ProtectedValue(self.kind, crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        if isinstance(value, ProtectedValue):
            return value if value.kind == self.kind else ProtectedValue(self.kind, value.reveal())
        value = str(value)
        if value.startswith(crypto.PREFIX + "$"):
            try:
                return ProtectedValue(self.kind, crypto.decrypt(value))
            except crypto.DecryptionError:
                pass  # text that merely looks like a stored value is plaintext like any other
        return ProtectedValue(self.kind, value)

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        if isinstance(value, ProtectedValue):
            return crypto.encrypt(value.reveal())
        value = str(value)
        # Genuine stored values (e.g. copied between rows) are written as they are. Anything else
        # is encrypted — before, any string starting with "sm4g1$" was stored in clear.
        if crypto.is_ciphertext(value):
            return value
        return crypto.encrypt(value)

    def value_to_string(self, obj: models.Model) -> str:
        # Serialisation (dumpdata) writes ciphertext: never plaintext, and — unlike the masked
        # form written before — loaddata restores the real value instead of "138****5678".
        value = self.value_from_object(obj)
        if value is None or value == "":
            return ""
        return str(self.get_prep_value(value))

    def run_validators(self, value: Any) -> None:
        # Validators (validate_phone, validate_id_number, …) expect the plain string.
        super().run_validators(value.reveal() if isinstance(value, ProtectedValue) else value)

    def save_form_data(self, instance: models.Model, data: Any) -> None:
        # Forms show the masked value; a form posted back unchanged must not overwrite the real
        # value with its masked form.
        current = instance.__dict__.get(self.attname)
        if (
            isinstance(current, ProtectedValue)
            and isinstance(data, str)
            and data == current.masked
            and data != current.reveal()
        ):
            return
        super().save_form_data(instance, data)

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


def encrypted_fields() -> Iterator[tuple[type[models.Model], EncryptedField]]:
    """Every concrete ``EncryptedField`` of every installed model, each column once."""
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        for field in opts.local_concrete_fields:
            if isinstance(field, EncryptedField):
                yield model, field
