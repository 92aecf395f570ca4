"""The hash chain: what an entry's SM3 hash covers and how it is computed.

``entry_hash = SM3(prev_hash || canonical JSON of the entry's content)``

The canonical JSON has sorted keys, no insignificant whitespace, real UTF-8 (``ensure_ascii``
off) and the timestamp as UTC ISO 8601 with microseconds. It is computed from values exactly as
they read back from the database, so the writer and ``audit_verify`` agree on every backend.
Pure functions only: no database access here.
"""

from __future__ import annotations

import ipaddress
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from zhengwu.core.crypto import sm3_hex

if TYPE_CHECKING:
    from .models import AuditEntry

GENESIS_HASH = "0" * 64

# The fields an entry's hash covers (everything but the surrogate id and the hashes themselves;
# prev_hash is covered as the prefix).
HASHED_FIELDS = (
    "seq",
    "created_at",
    "actor_id",
    "actor_label",
    "ip_address",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
)


def normalise_ip(value: str | None) -> str | None:
    """One spelling per address: PostgreSQL's ``inet`` and SQLite's text must hash alike."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return value.strip()


def format_timestamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def entry_content(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "created_at": format_timestamp(entry.created_at),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "ip_address": normalise_ip(entry.ip_address),
        "action": str(entry.action),
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "changes": entry.changes,
    }


def canonical_json(content: dict[str, Any]) -> str:
    return json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )


def compute_entry_hash(entry: AuditEntry) -> str:
    data = entry.prev_hash + canonical_json(entry_content(entry))
    return sm3_hex(data.encode("utf-8"))
