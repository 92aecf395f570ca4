from django.test import RequestFactory

import pytest

from zhengwu.accounts.roles import Role
from zhengwu.workbench import menu
from zhengwu.workbench.context_processors import navigation

ALL = ["工作台首页", "期限计算", "部门管理", "系统管理"]


@pytest.fixture
def all_urls(settings):
    settings.ROOT_URLCONF = "zhengwu.workbench.tests.urls"


@pytest.fixture
def registry():
    """Restore the registry after a test that registers entries."""
    saved = dict(menu._registry)
    yield menu
    menu._registry.clear()
    menu._registry.update(saved)


def labels(entries):
    return [e.label for e in entries]


@pytest.mark.usefixtures("all_urls")
@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ([], ["工作台首页", "期限计算"]),
        ([Role.WINDOW_STAFF], ["工作台首页", "期限计算"]),
        ([Role.APPROVER], ["工作台首页", "期限计算"]),
        ([Role.CENTRE_LEADER], ["工作台首页", "期限计算"]),
        ([Role.DISCLOSURE_OFFICER], ["工作台首页", "期限计算"]),
        ([Role.DEPARTMENT_ADMIN], ["工作台首页", "期限计算", "部门管理"]),
        ([Role.SYSTEM_ADMIN], ALL),
        ([Role.WINDOW_STAFF, Role.DEPARTMENT_ADMIN], ["工作台首页", "期限计算", "部门管理"]),
    ],
)
def test_menu_is_filtered_by_role(make_user, roles, expected):
    user = make_user(roles=roles)
    assert labels(menu.build_navigation(user)) == expected


@pytest.mark.usefixtures("all_urls")
@pytest.mark.parametrize("kind", ["citizen", "enterprise"])
def test_non_staff_get_no_menu_even_with_a_role_group(make_user, kind):
    user = make_user(kind=kind, roles=[Role.SYSTEM_ADMIN])
    assert menu.build_navigation(user) == []


@pytest.mark.usefixtures("all_urls")
def test_inactive_staff_get_no_menu(make_user):
    assert menu.build_navigation(make_user(roles=[Role.SYSTEM_ADMIN], is_active=False)) == []


def test_entries_whose_url_name_does_not_resolve_are_skipped(make_user, registry):
    registry.register_menu_item("test.missing", "不存在的页面", "nowhere:page", order=1)
    entries = labels(menu.build_navigation(make_user(roles=[Role.SYSTEM_ADMIN])))
    assert "不存在的页面" not in entries
    assert entries[0] == "工作台首页"
    assert "系统管理" in entries


@pytest.mark.usefixtures("all_urls")
def test_active_entry_by_view_name_and_by_path_prefix(make_user):
    user = make_user(roles=[Role.SYSTEM_ADMIN])
    by_view = menu.build_navigation(user, path="/workbench/", view_name="workbench:home")
    assert [e.label for e in by_view if e.active] == ["工作台首页"]

    below = menu.build_navigation(user, path="/admin/auth/group/", view_name="admin:auth_group")
    assert [e.label for e in below if e.active] == ["系统管理"]

    # The workbench home does not claim every /workbench/… page.
    other = menu.build_navigation(user, path="/workbench/other/", view_name="")
    assert [e for e in other if e.active] == []


@pytest.mark.usefixtures("all_urls")
def test_urls_and_icons_are_resolved(make_user):
    entries = menu.build_navigation(make_user(roles=[Role.DEPARTMENT_ADMIN]))
    assert [(e.label, e.url) for e in entries] == [
        ("工作台首页", "/workbench/"),
        ("期限计算", "/calendar/explain/"),
        ("部门管理", "/org/my/"),
    ]
    assert all(e.icon.startswith("img/icons/") for e in entries)


@pytest.mark.usefixtures("all_urls")
def test_registered_items_are_ordered_and_role_filtered(make_user, registry):
    registry.register_menu_item(
        "test.inbox", "待办件", "workbench:home", roles={Role.WINDOW_STAFF}, order=5
    )
    window = make_user(roles=[Role.WINDOW_STAFF])
    approver = make_user(roles=[Role.APPROVER])
    assert labels(menu.build_navigation(window)) == ["工作台首页", "待办件", "期限计算"]
    assert "待办件" not in labels(menu.build_navigation(approver))


def test_registration_is_idempotent_but_conflicts_raise(registry):
    first = registry.register_menu_item("test.x", "甲", "workbench:home")
    assert registry.register_menu_item("test.x", "甲", "workbench:home") == first
    with pytest.raises(ValueError, match="已注册"):
        registry.register_menu_item("test.x", "乙", "workbench:home")
    replaced = registry.register_menu_item("test.x", "乙", "workbench:home", replace=True)
    assert replaced.label == "乙"
    registry.unregister_menu_item("test.x")
    assert "test.x" not in {i.key for i in registry.registered_menu_items()}


@pytest.mark.usefixtures("all_urls")
def test_context_processor_gives_staff_their_menu_and_others_nothing(make_user, rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/workbench/")
    request.user = AnonymousUser()
    assert list(navigation(request)["nav_items"]) == []

    request.user = make_user(kind="citizen")
    assert list(navigation(request)["nav_items"]) == []

    request.user = make_user(roles=[Role.SYSTEM_ADMIN])
    assert labels(navigation(request)["nav_items"]) == ALL
