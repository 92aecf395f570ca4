from __future__ import annotations

import json
from datetime import date

from django.contrib.auth.models import Group
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from zhengwu.accounts.models import User
from zhengwu.audit import registry
from zhengwu.audit.context import Actor, acting_as
from zhengwu.audit.models import AuditAction, AuditEntry
from zhengwu.audit.selectors import audit_chain_verify
from zhengwu.core.models import CalendarDay, CalendarYear
from zhengwu.organisations.models import Department, Window
from zhengwu.organisations.tests.factories import DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


def entries_for(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk)).order_by(
            "seq"
        )
    )


def last_entry() -> AuditEntry:
    return AuditEntry.objects.order_by("-seq").first()


def test_default_models_are_registered():
    for model in (CalendarYear, CalendarDay, Department, Window, User, Group):
        assert registry.is_registered(model)


def test_create_records_every_field():
    department = DepartmentFactory.create(name="县市场监督管理局", short_name="市场监管局")
    entry = entries_for(department)[-1]
    assert entry.action == AuditAction.CREATE
    assert entry.object_type == "organisations.Department"
    assert entry.object_repr == "县市场监督管理局"
    assert entry.changes["name"] == {"new": "县市场监督管理局"}
    assert entry.changes["region"] == {"new": department.region_id}
    assert entry.changes["is_active"] == {"new": True}
    assert "id" not in entry.changes


def test_update_records_only_changed_fields_old_and_new():
    department = DepartmentFactory.create(name="旧名称", sort_order=1)
    department = Department.objects.get(pk=department.pk)
    department.name = "新名称"
    department.sort_order = 5
    department.save()
    entry = entries_for(department)[-1]
    assert entry.action == AuditAction.UPDATE
    assert entry.changes == {
        "name": {"old": "旧名称", "new": "新名称"},
        "sort_order": {"old": 1, "new": 5},
    }


def test_consecutive_saves_diff_against_the_previous_save():
    department = DepartmentFactory.create(name="甲")
    department.name = "乙"
    department.save()
    department.name = "丙"
    department.save()
    updates = [e for e in entries_for(department) if e.action == AuditAction.UPDATE]
    assert [e.changes["name"] for e in updates] == [
        {"old": "甲", "new": "乙"},
        {"old": "乙", "new": "丙"},
    ]


def test_save_without_a_change_writes_nothing():
    department = DepartmentFactory.create()
    before = AuditEntry.objects.count()
    Department.objects.get(pk=department.pk).save()
    assert AuditEntry.objects.count() == before


def test_update_fields_limits_the_diff():
    department = DepartmentFactory.create(name="甲", address="旧地址")
    department.name = "乙"
    department.address = "新地址"
    department.save(update_fields=["address"])
    assert entries_for(department)[-1].changes == {"address": {"old": "旧地址", "new": "新地址"}}


def test_update_costs_no_extra_read_of_the_row():
    department = Department.objects.get(pk=DepartmentFactory.create().pk)
    department.name = "改名"
    with CaptureQueriesContext(connection) as queries:
        department.save()
    table = Department._meta.db_table
    reads = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert not [sql for sql in reads if table in sql]
    # the UPDATE itself + lock the chain head, insert the entry, advance the head
    assert len(queries) == 4


def test_delete_records_the_old_values():
    department = DepartmentFactory.create(name="将撤销的局")
    pk = department.pk
    department.delete()
    entry = last_entry()
    assert entry.action == AuditAction.DELETE
    assert entry.object_id == str(pk)
    assert entry.changes["name"] == {"old": "将撤销的局"}


def test_cascade_deletes_are_recorded_each():
    year = CalendarYear.objects.create(year=2031, source="manual")
    day = CalendarDay.objects.create(
        calendar_year=year, date=date(2031, 1, 1), kind="holiday", name="元旦"
    )
    year_pk = year.pk
    year.delete()
    deleted = {
        (e.object_type, e.object_id) for e in AuditEntry.objects.filter(action=AuditAction.DELETE)
    }
    assert ("core.CalendarDay", str(day.pk)) in deleted
    assert ("core.CalendarYear", str(year_pk)) in deleted


def test_auto_now_fields_and_dates_are_written_as_iso_text():
    year = CalendarYear.objects.create(year=2032, source="manual")
    created = entries_for(year)[-1]
    assert isinstance(created.changes["created_at"]["new"], str)
    day = CalendarDay.objects.create(calendar_year=year, date=date(2032, 10, 1), kind="holiday")
    assert entries_for(day)[-1].changes["date"] == {"new": "2032-10-01"}


def test_actor_is_taken_from_the_context():
    with acting_as(Actor(user_id=5, label="张科长", ip_address="203.0.113.9")):
        department = DepartmentFactory.create()
    entry = entries_for(department)[-1]
    assert (entry.actor_id, entry.actor_label, entry.ip_address) == (5, "张科长", "203.0.113.9")


def test_without_context_the_actor_is_the_system():
    entry = entries_for(DepartmentFactory.create())[-1]
    assert (entry.actor_id, entry.actor_label, entry.ip_address) == (None, "系统", None)


# --- many-to-many ------------------------------------------------------------------------------


def test_m2m_add_remove_and_clear_are_recorded_on_the_owner():
    user = User.objects.create(username="clerk", kind="staff")
    first, second = DepartmentFactory.create(), DepartmentFactory.create()
    user.departments.add(first, second)
    assert entries_for(user)[-1].changes == {
        "departments": {"added": sorted([first.pk, second.pk], key=str)}
    }
    user.departments.remove(first)
    assert entries_for(user)[-1].changes == {"departments": {"removed": [first.pk]}}
    user.departments.clear()
    assert entries_for(user)[-1].changes == {"departments": {"cleared": [second.pk]}}


def test_reverse_m2m_changes_are_recorded_on_each_owner():
    department = DepartmentFactory.create()
    a = User.objects.create(username="a", kind="staff")
    b = User.objects.create(username="b", kind="staff")
    department.staff.add(a, b)
    assert entries_for(a)[-1].changes == {"departments": {"added": [department.pk]}}
    assert entries_for(b)[-1].changes == {"departments": {"added": [department.pk]}}
    department.staff.clear()
    assert entries_for(a)[-1].changes == {"departments": {"cleared": [department.pk]}}


def test_group_membership_is_recorded():
    user = User.objects.create(username="admin1", kind="staff")
    group = Group.objects.create(name="系统管理员")
    user.groups.add(group)
    assert entries_for(user)[-1].changes == {"groups": {"added": [group.pk]}}
    assert entries_for(group)[-1].action == AuditAction.CREATE


# --- personal data and secrets -----------------------------------------------------------------


def test_encrypted_personal_data_is_never_written_in_clear():
    user = User.objects.create(username="li", kind="staff", phone=PHONE)
    user.set_password("Very-Secret-123")
    user.save()
    user = User.objects.get(pk=user.pk)
    user.phone = "13900001111"
    user.save()

    entries = entries_for(user)
    dumped = json.dumps([e.changes for e in entries], ensure_ascii=False)
    assert PHONE not in dumped
    assert "13900001111" not in dumped
    assert "Very-Secret-123" not in dumped
    assert user.password not in dumped
    assert entries[0].changes["phone"] == {"new": "138****5678"}
    assert entries[-1].changes["phone"] == {"old": "138****5678", "new": "139****1111"}
    assert entries[1].changes["password"] == {"old": "", "new": "已修改"}


def test_passwords_and_blind_indexes_are_only_said_to_have_changed():
    user = User.objects.create_user(username="wang", password="Abc-12345678", kind="staff")
    user.phone = PHONE
    user.phone_index = "ab" * 32
    user.save()
    created, updated = entries_for(user)[0], entries_for(user)[-1]
    assert created.changes["password"] == {"new": "已修改"}
    assert updated.changes["phone_index"] == {"old": None, "new": "已修改"}


def test_phone_numbers_in_free_text_are_masked_too():
    department = DepartmentFactory.create(phone=f"联系人 {PHONE}")
    assert entries_for(department)[-1].changes["phone"] == {"new": "联系人 138****5678"}


def test_last_login_is_not_recorded_as_an_update():
    from django.contrib.auth.models import update_last_login

    user = User.objects.create(username="zhao", kind="staff")
    before = AuditEntry.objects.count()
    update_last_login(None, user)
    assert AuditEntry.objects.count() == before


# --- what is not captured, and registration --------------------------------------------------


def test_bulk_operations_bypass_the_trail():
    """Documented limitation: services using update()/bulk_create() call audit_record."""
    department = DepartmentFactory.create()
    before = AuditEntry.objects.count()
    Department.objects.filter(pk=department.pk).update(name="批量改名")
    Department.objects.bulk_create(
        [Department(name="批量新建", region=RegionFactory.create(), credit_code="x", org_code="y")]
    )
    assert AuditEntry.objects.count() == before


def test_fixture_loading_is_not_recorded_row_by_row():
    now = timezone.now()
    year = CalendarYear(pk=4040, year=2040, source="manual", created_at=now, updated_at=now)
    dumped = serializers.serialize("json", [year])
    before = AuditEntry.objects.count()
    for obj in serializers.deserialize("json", dumped):
        obj.save()
    assert CalendarYear.objects.filter(year=2040).exists()
    assert AuditEntry.objects.count() == before


def test_register_with_exclude_and_unregister():
    registry.register(Department, exclude=("sort_order",))
    try:
        department = DepartmentFactory.create(sort_order=3)
        assert "sort_order" not in entries_for(department)[-1].changes
        department.sort_order = 4
        department.save()
        assert entries_for(department)[-1].action == AuditAction.CREATE  # nothing new
    finally:
        registry.register(Department)
    registry.unregister(Window)
    try:
        assert not registry.is_registered(Window)
    finally:
        registry.register(Window)


def test_all_entries_form_a_valid_chain():
    department = DepartmentFactory.create()
    department.name = "改名"
    department.save()
    department.delete()
    assert audit_chain_verify().ok
