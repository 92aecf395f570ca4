"""The UI shell in a real browser: portal home, staff workbench, error page.

Checks: Chinese page, no console errors, no CSP violations, every request to the live server
only, htmx/ECharts loaded from our static files, no horizontal scroll on a 390px phone.
Screenshots go to var/screenshots/.
"""

from __future__ import annotations

from django.contrib.auth.models import Group

import pytest

from zhengwu.accounts.models import User
from zhengwu.accounts.roles import Role, group_name
from zhengwu.organisations.models import Department, Region

from .conftest import MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def make_staff(username: str, full_name: str, *roles: Role) -> User:
    user = User.objects.create_user(
        username=username, password="Pa55-word-for-tests", kind="staff", full_name=full_name
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=group_name(role))[0])
    region, _ = Region.objects.get_or_create(
        code="330100000000", defaults={"name": "示例县", "level": "county"}
    )
    department, _ = Department.objects.get_or_create(
        name="县政务服务管理办公室",
        defaults={
            "short_name": "政务服务办",
            "region": region,
            "credit_code": "11330100MB0000001X",
            "org_code": "MB0000001",
        },
    )
    user.departments.add(department)
    return user


def test_portal_home_desktop(open_page):
    record = open_page("/")
    page = record.page
    assert page.title() == "首页 - 政务服务网"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", level=1).inner_text() == "政务服务 · 一网通办"
    for label in ("我要办事", "办件查询", "在线预约", "好差评", "政务公开"):
        assert page.get_by_role("heading", name=label).is_visible()
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("window.htmx.version").startswith("2.0.")
    # htmx's indicator <style> is disabled (CSP); our stylesheet is the only one.
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert page.evaluate("document.styleSheets.length") == 1
    assert page.evaluate("typeof window.echarts") == "undefined"
    record.assert_clean()
    record.screenshot("portal-home-desktop")


def test_portal_home_mobile(open_page):
    record = open_page("/", viewport=MOBILE, mobile=True)
    page = record.page
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert page.get_by_role("searchbox", name="搜索办事指南").is_visible()
    # Touch targets: the login link and the search button are at least 44px tall.
    for locator in (
        page.locator(".site-account").get_by_role("link", name="登录"),
        page.get_by_role("button", name="搜索"),
    ):
        assert locator.bounding_box()["height"] >= 44
    record.assert_clean()
    record.screenshot("portal-home-mobile")


def test_portal_search_shows_notice(open_page):
    record = open_page("/")
    page = record.page
    page.get_by_role("searchbox", name="搜索办事指南").fill("营业执照")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("办事指南检索即将开放").is_visible()
    record.assert_clean()


def test_htmx_requests_carry_the_csrf_token(open_page):
    record = open_page("/")
    page = record.page
    seen: list[dict[str, str]] = []

    def probe(route) -> None:
        seen.append(route.request.headers)
        route.fulfill(status=200, body="<p id='probe'>好</p>", content_type="text/html")

    page.route("**/__htmx_probe__", probe)
    page.evaluate("htmx.ajax('POST', '/__htmx_probe__', {target: 'body', swap: 'beforeend'})")
    page.wait_for_selector("#probe")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token
    assert seen[0]["x-csrftoken"] == token
    assert seen[0]["hx-request"] == "true"
    record.assert_clean()


def test_citizen_portal_greets_by_name(open_page):
    citizen = User.objects.create_user(
        username="c1", password="Pa55-word-for-tests", kind="citizen", full_name="王小明"
    )
    record = open_page("/", user=citizen, viewport=MOBILE, mobile=True)
    assert record.page.get_by_role("heading", name="您好，王小明").is_visible()
    assert record.page.evaluate(NO_HORIZONTAL_SCROLL)
    record.assert_clean()
    record.screenshot("portal-home-citizen-mobile")


def test_centre_leader_workbench_with_chart(open_page):
    make_staff("w1", "窗口甲", Role.WINDOW_STAFF)
    make_staff("w2", "窗口乙", Role.WINDOW_STAFF, Role.APPROVER)
    leader = make_staff("leader", "陈主任", Role.CENTRE_LEADER, Role.SYSTEM_ADMIN)
    record = open_page("/workbench/", user=leader)
    page = record.page
    assert page.title() == "工作台首页 - 政务服务网"
    assert page.get_by_role("heading", level=1).inner_text() == "您好，陈主任"
    nav = page.get_by_role("navigation").filter(has_text="工作台首页")
    assert nav.get_by_role("link", name="工作台首页").get_attribute("aria-current") == "page"
    assert nav.get_by_role("link", name="系统管理").is_visible()
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("window.echarts.version") == "6.1.0"
    chart = page.locator("[data-chart]")
    page.wait_for_function("document.querySelector('[data-chart] canvas') !== null")
    assert chart.get_attribute("data-chart-ready") == "true"
    box = page.locator("[data-chart] canvas").first.bounding_box()
    assert box["height"] >= 200
    assert box["width"] >= 300
    record.assert_clean()
    record.screenshot("workbench-leader-desktop")


def test_workbench_mobile_menu_collapses(open_page):
    staff = make_staff("d1", "部门管理员甲", Role.DEPARTMENT_ADMIN)
    record = open_page("/workbench/", user=staff, viewport=MOBILE, mobile=True)
    page = record.page
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    toggle = page.get_by_role("button", name="菜单")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#wb-nav").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#wb-nav").get_by_role("link", name="工作台首页").is_visible()
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    record.assert_clean()
    record.screenshot("workbench-mobile-menu-open")


def test_citizen_gets_a_chinese_403_on_the_workbench(open_page):
    citizen = User.objects.create_user(
        username="c2", password="Pa55-word-for-tests", kind="citizen", full_name="李四"
    )
    record = open_page("/workbench/", user=citizen)
    assert record.page.get_by_role("heading", level=1).inner_text() == "抱歉，您无权访问此页面"
    # The document itself is a 403, which Chromium logs as a failed resource.
    record.assert_clean(allow_console=("status of 403",))
    record.screenshot("workbench-403-citizen")


@pytest.mark.parametrize(
    ("url_name", "role"),
    [
        ("accounts:login", None),
        ("accounts:register", None),
        ("core:explain", Role.WINDOW_STAFF),
        ("organisations:my-department", Role.DEPARTMENT_ADMIN),
    ],
)
def test_pages_built_on_the_shell_are_clean_on_a_phone(open_page, url_name, role):
    """Other modules' pages extend the shell: same guarantees (CSP, no foreign hosts, fits 390px)."""
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse(url_name)
    except NoReverseMatch:
        pytest.skip(f"{url_name} is not mounted yet")
    user = make_staff(f"u-{role}", "测试人员", role) if role else None
    record = open_page(path, user=user, viewport=MOBILE, mobile=True)
    assert record.page.evaluate(NO_HORIZONTAL_SCROLL)
    record.assert_clean()
    record.screenshot("shell-" + url_name.replace(":", "-") + "-mobile")
