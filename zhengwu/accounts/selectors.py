"""Reads for accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from zhengwu.core.validators import PHONE_RE, USCC_RE

from .models import CitizenProfile, EnterpriseProfile, User, UserKind


@dataclass(frozen=True)
class LookupResults:
    citizens: list[CitizenProfile]
    enterprises: list[EnterpriseProfile]


# (model name in the URL, field) pairs whose plaintext may be revealed. Only the public's
# accounts: staff phone numbers are never revealed through this path.
def _revealable() -> dict[tuple[str, str], models.QuerySet[Any]]:
    return {
        ("citizen", "id_number"): CitizenProfile.objects.all(),
        ("enterprise", "agent_id_number"): EnterpriseProfile.objects.all(),
        ("user", "phone"): User.objects.exclude(kind=UserKind.STAFF),
    }


def revealable_queryset(*, model: str, field: str) -> models.QuerySet[Any] | None:
    return _revealable().get((model, field))


def reveal_keys(results: LookupResults) -> list[str]:
    """The ``model:pk`` keys a look-up showed; only these may then be revealed (views.py)."""
    keys = [f"citizen:{c.pk}" for c in results.citizens]
    keys += [f"user:{c.user_id}" for c in results.citizens]
    keys += [f"enterprise:{e.pk}" for e in results.enterprises]
    keys += [f"user:{e.user_id}" for e in results.enterprises]
    return keys


def accounts_lookup(*, query: str) -> LookupResults:
    """Exact look-up by 身份证号 / 手机号 (blind index) or 统一社会信用代码. Never a scan."""
    from .services import id_number_index, phone_index

    query = query.strip().upper()
    citizens = CitizenProfile.objects.select_related("user")
    enterprises = EnterpriseProfile.objects.select_related("user")
    if PHONE_RE.match(query):
        idx = phone_index(query)
        return LookupResults(
            citizens=list(citizens.filter(user__kind=UserKind.CITIZEN, user__phone_index=idx)),
            enterprises=list(
                enterprises.filter(user__kind=UserKind.ENTERPRISE, user__phone_index=idx)
            ),
        )
    if len(query) == 18 and USCC_RE.match(query) and not query[:17].isdigit():
        return LookupResults(citizens=[], enterprises=list(enterprises.filter(credit_code=query)))
    idx = id_number_index(query)
    found = list(enterprises.filter(credit_code=query))
    found += list(enterprises.filter(agent_id_number_index=idx))
    return LookupResults(citizens=list(citizens.filter(id_number_index=idx)), enterprises=found)
