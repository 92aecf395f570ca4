"""Serialising rate-limit checks per subject (see ``models.RateLimitKey``)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import RateLimitKey


def rate_limit_lock(*keys: str) -> None:
    """Lock one row per key until the surrounding transaction ends (creating rows as needed).

    Call inside ``transaction.atomic()`` before counting recent events and inserting a new one.
    Keys are locked in sorted order so two requests never wait for each other crosswise.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rate_limit_lock must be called inside a transaction")
    for key in sorted(set(keys)):
        if not RateLimitKey.objects.filter(key=key).exists():
            try:
                with transaction.atomic():
                    RateLimitKey.objects.create(key=key)
            except IntegrityError:
                pass  # created concurrently; the lock below waits for that transaction
        RateLimitKey.objects.select_for_update().get(key=key)
