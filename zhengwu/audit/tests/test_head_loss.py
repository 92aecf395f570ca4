"""A lost chain head is rebuilt visibly, never silently."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

import pytest

from zhengwu.audit.models import AuditAction, AuditChainHead, AuditEntry
from zhengwu.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_lost_head_is_rebuilt_with_a_repair_entry_and_verify_warns():
    for i in range(3):
        audit_record(action="create", object_type="test.Thing", object_id=i)
    AuditChainHead.objects.all().delete()  # the head has no trigger; an attacker could do this

    entry = audit_record(action="update", object_type="test.Thing", object_id=9)

    repair = AuditEntry.objects.get(action=AuditAction.CHAIN_REPAIR)
    last_before = AuditEntry.objects.filter(seq__lt=repair.seq).order_by("-seq").first()
    assert repair.seq == last_before.seq + 1
    assert repair.changes == {"rebuilt_from_seq": last_before.seq}
    assert entry.seq == repair.seq + 1
    out = StringIO()
    call_command("audit_verify", stdout=out)
    text = out.getvalue()
    assert "审计链完整" in text
    assert f"第 {repair.seq} 条记录表明审计链头曾缺失" in text


def test_first_entry_ever_is_not_a_repair():
    assert not AuditEntry.objects.exists()
    assert not AuditChainHead.objects.exists()
    audit_record(action="create", object_type="test.Thing", object_id=1)
    assert list(AuditEntry.objects.values_list("seq", "action")) == [(1, "create")]
