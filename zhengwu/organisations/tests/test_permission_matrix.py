"""Permission matrix: staff of one department can neither see nor change another's records."""

from __future__ import annotations

from django.urls import reverse

import pytest

from zhengwu.accounts.roles import Role
from zhengwu.accounts.tests.factories import CitizenFactory, staff_user
from zhengwu.organisations.models import Section, Window
from zhengwu.organisations.tests.factories import DepartmentFactory, WindowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    a = DepartmentFactory.create(name="甲局")
    b = DepartmentFactory.create(name="乙局")
    return {
        "a": a,
        "b": b,
        "window_a": WindowFactory.create(department=a, name="甲窗口", location="一楼"),
        "anonymous": None,
        "citizen": CitizenFactory.create().user,
        "window_staff_a": staff_user(roles=[Role.WINDOW_STAFF], departments=[a]),
        "admin_a": staff_user(roles=[Role.DEPARTMENT_ADMIN], departments=[a]),
        "admin_b": staff_user(roles=[Role.DEPARTMENT_ADMIN], departments=[b]),
        "window_staff_b": staff_user(roles=[Role.WINDOW_STAFF], departments=[b]),
        "leader_b": staff_user(roles=[Role.CENTRE_LEADER], departments=[b]),
        "system_admin": staff_user(roles=[Role.SYSTEM_ADMIN]),
    }


# who → (sees 甲局 on the department page, may edit 甲's window, may add a 甲 section)
MATRIX = {
    "anonymous": (False, False, False),
    "citizen": (False, False, False),
    "window_staff_a": (True, False, False),
    "admin_a": (True, True, True),
    "admin_b": (False, False, False),
    "window_staff_b": (False, False, False),
    "leader_b": (False, False, False),
    "system_admin": (True, True, True),
}


def _login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize(("who", "expected"), MATRIX.items())
def test_department_page_visibility(client, world, who, expected):
    _login(client, world[who])
    response = client.get(reverse("organisations:my-department"))
    sees_a = response.status_code == 200 and "甲局" in response.content.decode()
    assert sees_a is expected[0]
    if who == "anonymous":
        assert response.status_code == 302


@pytest.mark.parametrize(("who", "expected"), MATRIX.items())
def test_window_edit(client, world, who, expected):
    _login(client, world[who])
    window = world["window_a"]
    url = reverse("organisations:window-edit", args=[window.pk])
    response = client.post(url, {"name": "改名窗口", "location": "二楼", "is_active": "on"})
    window.refresh_from_db()
    if expected[1]:
        assert response.status_code == 302
        assert (window.name, window.location) == ("改名窗口", "二楼")
    else:
        assert response.status_code in (302, 403, 404)
        if who != "anonymous":
            assert response.status_code in (403, 404)
        assert (window.name, window.location) == ("甲窗口", "一楼")  # denied: nothing changed


@pytest.mark.parametrize(("who", "expected"), MATRIX.items())
def test_section_create(client, world, who, expected):
    _login(client, world[who])
    url = reverse("organisations:section-create", args=[world["a"].pk])
    response = client.post(url, {"name": "新科室"})
    created = Section.objects.filter(department=world["a"], name="新科室").exists()
    assert created is expected[2]
    if not expected[2]:
        assert response.status_code in (302, 403, 404)


def test_other_department_window_is_not_found_rather_than_forbidden(client, world):
    client.force_login(world["admin_b"])
    response = client.get(reverse("organisations:window-edit", args=[world["window_a"].pk]))
    assert response.status_code == 404


def test_department_page_query_count_is_fixed(client, world, django_assert_max_num_queries):
    for i in range(5):
        WindowFactory.create(department=world["a"], number=f"X{i}")
    client.force_login(world["system_admin"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("organisations:my-department"))
    assert response.status_code == 200
    assert Window.objects.count() == 6


def test_duplicate_section_gets_chinese_error(client, world):
    client.force_login(world["admin_a"])
    url = reverse("organisations:section-create", args=[world["a"].pk])
    client.post(url, {"name": "办公室"})
    again = client.post(url, {"name": "办公室"})
    assert "本部门已有同名科室" in again.content.decode()
    assert Section.objects.filter(department=world["a"], name="办公室").count() == 1


def test_department_page_queries_do_not_grow_with_departments(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["system_admin"])
    url = reverse("organisations:my-department")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(6):
        dept = DepartmentFactory.create(name=f"新增局{i}")
        WindowFactory.create(department=dept, number=f"N{i}")
        staff_user(roles=[Role.WINDOW_STAFF], departments=[dept])
    assert count() == small


def test_section_created_concurrently_is_a_chinese_error_not_a_500(world, monkeypatch):
    from django.db.models import QuerySet

    from zhengwu.core.errors import UserFacingError
    from zhengwu.organisations.services import section_create

    section_create(department=world["a"], name="办公室")
    # the other request passed its existence check before this one committed
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    with pytest.raises(UserFacingError, match="本部门已有同名科室"):
        section_create(department=world["a"], name="办公室")
    monkeypatch.undo()
    assert Section.objects.filter(department=world["a"], name="办公室").count() == 1
