"""Writes to the audit trail. Every entry is appended here and nowhere else.

``audit_record`` appends one entry inside the caller's transaction (a savepoint when there is
one): it locks the chain head (``SELECT … FOR UPDATE``), chains the new entry's SM3 hash to the
previous one, inserts it and advances the head. The lock is held until the caller's transaction
ends, so audited writes are serialised (docs/adr/0005-audit-trail.md).

Personal data never reaches ``changes`` or ``object_repr`` in clear: ``ProtectedValue`` values
are written masked, and every string is passed through ``mask_text`` (ID and mobile numbers in
free text are masked too).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from zhengwu.core.masking import ProtectedValue, mask_text

from .chain import GENESIS_HASH, compute_entry_hash, normalise_ip
from .context import SYSTEM as SYSTEM_ACTOR
from .context import Actor, current_actor
from .models import AuditAction, AuditChainHead, AuditEntry

HEAD_ID = 1
REDACTED = "已修改"
MAX_TEXT = 2000  # longer strings in `changes` are cut (a diff of a whole notice text is noise)


def _clip(value: str, length: int) -> str:
    return value if len(value) <= length else value[: length - 1] + "…"


def _clean_text(value: str, length: int = MAX_TEXT) -> str:
    # NUL cannot be stored in PostgreSQL text/jsonb; mask ID and mobile numbers everywhere.
    return _clip(mask_text(value.replace("\x00", "")), length)


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data that reads back from any backend exactly as written.

    Floats and decimals become strings (jsonb would re-spell ``1e20``); dates become ISO
    strings; ``ProtectedValue`` becomes its masked form; anything else becomes ``str()``.
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, ProtectedValue):
        return str(value)
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, float | Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {_clean_text(str(k), 200): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=lambda v: (str(type(v)), str(v)))
    return _clean_text(str(value))


def _chain_head_locked() -> tuple[AuditChainHead, bool]:
    """The locked head, and whether it had to be rebuilt over existing entries."""
    """The chain head row, locked for this transaction; created on first use (race-safe)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is not None:
        return head, False
    # First entry ever, or the head row was lost: start from the last stored entry, if any.
    # A lost head is itself suspicious (deleting the tail *and* the head would otherwise leave
    # a clean chain), so the caller records that the head was rebuilt (see audit_record).
    last = AuditEntry.objects.order_by("-seq").only("seq", "entry_hash").first()
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(
                pk=HEAD_ID,
                last_seq=last.seq if last else 0,
                last_hash=last.entry_hash if last else GENESIS_HASH,
            )
    except IntegrityError:
        pass  # a concurrent first append created it; the lock below waits for that transaction
    return AuditChainHead.objects.select_for_update().get(pk=HEAD_ID), last is not None


def audit_record(
    *,
    action: AuditAction | str,
    object_type: str,
    object_id: object,
    object_repr: str = "",
    changes: Mapping[str, Any] | None = None,
    actor: Actor | None = None,
) -> AuditEntry:
    """Append one entry to the audit trail and return it.

    ``actor`` defaults to the current request's user and address (``context.current_actor``).
    Call it inside the transaction of the change it records, so both commit or neither does.
    """
    actor = actor or current_actor()
    action = AuditAction(action)
    # No savepoint of its own: if the entry cannot be written, the caller's change must not
    # commit without it.
    with transaction.atomic(savepoint=False):
        head, rebuilt = _chain_head_locked()
        if rebuilt:
            _append(
                head,
                actor=SYSTEM_ACTOR,
                action=AuditAction.CHAIN_REPAIR,
                object_type="audit.AuditChainHead",
                object_id=HEAD_ID,
                object_repr="",
                changes={"rebuilt_from_seq": head.last_seq},
            )
        entry = _append(
            head,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            changes=changes,
        )
    return entry


def _append(
    head: AuditChainHead,
    *,
    actor: Actor,
    action: AuditAction,
    object_type: str,
    object_id: object,
    object_repr: str,
    changes: Mapping[str, Any] | None,
) -> AuditEntry:
    """Insert the next entry after ``head`` (locked by the caller) and advance the head."""
    entry = AuditEntry(
        seq=head.last_seq + 1,
        created_at=timezone.now(),
        actor_id=actor.user_id,
        actor_label=_clean_text(actor.label, 150),
        ip_address=normalise_ip(actor.ip_address),
        action=action.value,
        object_type=_clip(object_type, 100),
        object_id=_clip("" if object_id is None else str(object_id), 64),
        object_repr=_clean_text(object_repr, 200),
        changes=jsonable(dict(changes or {})),
        prev_hash=head.last_hash,
    )
    entry.entry_hash = compute_entry_hash(entry)
    entry.save(force_insert=True)
    head.last_seq = entry.seq
    head.last_hash = entry.entry_hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


def object_label(obj: models.Model) -> str:
    """``str(obj)``, masked and never failing (a deleted relation must not stop the audit)."""
    try:
        text = str(obj)
    except ObjectDoesNotExist:
        text = ""
    return mask_text(text) or f"{obj._meta.label}#{obj.pk}"


def audit_record_reveal(*, obj: models.Model, field_name: str, reason: str = "") -> AuditEntry:
    """Record that the plaintext of ``obj.<field_name>`` was shown to the current actor.

    The value itself is never written, only which field of which object, and why.
    """
    field = obj._meta.get_field(field_name)
    return audit_record(
        action=AuditAction.REVEAL,
        object_type=obj._meta.label,
        object_id=obj.pk,
        object_repr=object_label(obj),
        changes={
            "field": field_name,
            "field_label": str(getattr(field, "verbose_name", field_name)),
            "reason": reason,
        },
    )
