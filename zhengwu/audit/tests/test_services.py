from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import transaction
from django.test import RequestFactory

import pytest

from zhengwu.accounts.models import User
from zhengwu.audit.context import Actor, acting_as, bind_request
from zhengwu.audit.models import AuditAction, AuditChainHead, AuditEntry
from zhengwu.audit.selectors import audit_chain_verify
from zhengwu.audit.services import audit_record, audit_record_reveal, jsonable
from zhengwu.core.masking import ProtectedValue

pytestmark = pytest.mark.django_db

PHONE = "13812345678"
ID_NUMBER = "320282199001011234"


def test_audit_record_writes_who_when_what_and_where():
    with acting_as(Actor(user_id=3, label="科员", ip_address="192.0.2.1")):
        entry = audit_record(
            action=AuditAction.EXPORT,
            object_type="accounts.CitizenProfile",
            object_id=17,
            object_repr="导出自然人名单",
            changes={"rows": 120},
        )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.seq == 1
    assert stored.action == "export"
    assert (stored.actor_id, stored.actor_label, stored.ip_address) == (3, "科员", "192.0.2.1")
    assert (stored.object_type, stored.object_id) == ("accounts.CitizenProfile", "17")
    assert stored.changes == {"rows": 120}
    assert stored.created_at is not None


def test_explicit_actor_wins_over_the_context():
    with acting_as(Actor(user_id=3, label="科员", ip_address=None)):
        entry = audit_record(
            action="export", object_type="x", object_id=1, actor=Actor(9, "定时任务", None)
        )
    assert (entry.actor_id, entry.actor_label) == (9, "定时任务")


def test_actor_from_a_bound_request():
    user = User.objects.create(username="clerk", kind="staff")
    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8:0:0:0:0:0:1")
    request.user = user
    with bind_request(request):
        entry = audit_record(action="export", object_type="x", object_id=1)
    assert (entry.actor_id, entry.actor_label) == (user.pk, "clerk")
    assert AuditEntry.objects.get(pk=entry.pk).ip_address == "2001:db8::1"


def test_unknown_action_is_refused():
    with pytest.raises(ValueError, match="not a valid"):
        audit_record(action="approve", object_type="x", object_id=1)
    assert not AuditEntry.objects.exists()


def test_entry_rolls_back_with_the_callers_transaction():
    audit_record(action="export", object_type="x", object_id=1)

    @transaction.atomic
    def change_that_fails() -> None:
        audit_record(action="export", object_type="x", object_id=2)
        raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert AuditEntry.objects.count() == 1
    assert AuditChainHead.objects.get().last_seq == 1
    assert audit_record(action="export", object_type="x", object_id=3).seq == 2
    assert audit_chain_verify().ok


def test_long_values_are_clipped_to_the_columns():
    entry = audit_record(
        action="export", object_type="t" * 300, object_id="9" * 100, object_repr="名" * 500
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert len(stored.object_type) == 100
    assert len(stored.object_id) == 64
    assert len(stored.object_repr) == 200
    assert audit_chain_verify().ok


def test_personal_data_in_changes_is_masked():
    entry = audit_record(
        action="update",
        object_type="accounts.User",
        object_id=1,
        object_repr=f"张三 {PHONE}",
        changes={
            "phone": {"old": ProtectedValue("phone", PHONE), "new": ProtectedValue("phone", "")},
            "note": f"身份证 {ID_NUMBER}",
            "nested": [{"id": ID_NUMBER}],
        },
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    text = str(stored.changes) + stored.object_repr
    assert PHONE not in text
    assert ID_NUMBER not in text
    assert stored.changes["phone"] == {"old": "138****5678", "new": ""}
    assert stored.changes["note"] == "身份证 320282********1234"
    assert stored.object_repr == "张三 138****5678"


def test_jsonable_makes_values_that_read_back_unchanged():
    assert jsonable(
        {
            "d": Decimal("1.50"),
            "f": 1e20,
            "date": date(2026, 1, 2),
            "dt": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            "set": {3, 1, 2},
            "tuple": (1, "a"),
            "nul": "a\x00b",
            "none": None,
            "bool": True,
            7: "int key",
        }
    ) == {
        "d": "1.50",
        "f": "1e+20",
        "date": "2026-01-02",
        "dt": "2026-01-02T03:04:05+00:00",
        "set": [1, 2, 3],
        "tuple": [1, "a"],
        "nul": "ab",
        "none": None,
        "bool": True,
        "7": "int key",
    }


def test_reveal_records_field_and_reason_but_never_the_value():
    user = User.objects.create(username="li", kind="staff", phone=PHONE)
    with acting_as(Actor(user_id=1, label="窗口人员", ip_address="192.0.2.8")):
        entry = audit_record_reveal(obj=user, field_name="phone", reason="核实身份")
    assert entry.action == AuditAction.REVEAL
    assert (entry.object_type, entry.object_id) == ("accounts.User", str(user.pk))
    assert entry.changes == {"field": "phone", "field_label": "手机号", "reason": "核实身份"}
    assert entry.ip_address == "192.0.2.8"
    assert PHONE not in str(AuditEntry.objects.get(pk=entry.pk).__dict__)


def test_reveal_of_an_unknown_field_fails():
    from django.core.exceptions import FieldDoesNotExist

    user = User.objects.create(username="li", kind="staff")
    with pytest.raises(FieldDoesNotExist):
        audit_record_reveal(obj=user, field_name="nope")
