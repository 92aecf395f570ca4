import json
import re

from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from zhengwu.accounts.roles import Role
from zhengwu.workbench.selectors import staff_count_by_role

URL = "/workbench/"


def test_url_name():
    assert reverse("workbench:home") == URL


@pytest.mark.django_db
def test_anonymous_is_redirected_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("kind", ["citizen", "enterprise"])
def test_non_staff_get_a_friendly_403(client, make_user, kind):
    client.force_login(make_user(kind=kind, roles=[Role.SYSTEM_ADMIN]))
    response = client.get(URL)
    assert response.status_code == 403
    assertTemplateUsed(response, "403.html")
    assertContains(response, "无权访问", status_code=403)


def test_inactive_staff_are_denied(client, make_user):
    user = make_user(roles=[Role.WINDOW_STAFF])
    client.force_login(user)
    user.is_active = False
    user.save()
    response = client.get(URL)
    assert response.status_code in {302, 403}


def test_staff_see_roles_departments_menu_and_cards(client, make_user, department):
    user = make_user(
        roles=[Role.WINDOW_STAFF, Role.APPROVER], full_name="张三", departments=[department]
    )
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assertTemplateUsed(response, "workbench/base.html")
    html = response.content.decode()
    assert "您好，张三" in html
    assert "窗口人员" in html
    assert "审批人员" in html
    assert "县市场监督管理局" in html
    assert "收件受理" in html  # window staff card
    assert "待我审批" in html  # approver card
    assert "主动公开" not in html  # disclosure officer card
    assert 'aria-current="page"' in html  # 工作台首页 is the active menu entry
    assertNotContains(response, "echarts.min.js")


def test_logout_is_a_post_form_once_the_url_exists(client, make_user, settings):
    settings.ROOT_URLCONF = "zhengwu.workbench.tests.urls"
    client.force_login(make_user(full_name="李四"))
    html = client.get(URL).content.decode()
    form = re.search(r'<form[^>]*action="/accounts/logout/"[^>]*>(.*?)</form>', html, re.S)
    assert form is not None
    assert 'method="post"' in form.group(0)
    assert "csrfmiddlewaretoken" in form.group(1)
    assert "退出登录" in form.group(1)
    assert "李四" in html


def test_staff_without_roles_see_a_notice(client, make_user):
    client.force_login(make_user())
    response = client.get(URL)
    assertContains(response, "尚未分配角色")


def test_system_admin_sees_admin_link(client, make_user):
    client.force_login(make_user(roles=[Role.SYSTEM_ADMIN]))
    response = client.get(URL)
    assertContains(response, 'href="/admin/"')


def test_centre_leader_gets_the_chart(client, make_user):
    make_user(roles=[Role.WINDOW_STAFF])
    make_user(roles=[Role.WINDOW_STAFF])
    make_user(roles=[Role.WINDOW_STAFF], is_active=False)
    make_user(kind="citizen", roles=[Role.WINDOW_STAFF])
    client.force_login(make_user(roles=[Role.CENTRE_LEADER]))
    response = client.get(URL)
    html = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in html
    assert "js/charts.js" in html
    assert 'data-chart="chart-data"' in html
    # No inline JavaScript besides the JSON data block.
    scripts = re.findall(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S)
    for attrs, body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        assert "src=" not in attrs or not body.strip()
    data = json.loads(re.search(r'id="chart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    counts = dict(zip(data["yAxis"]["data"], data["series"][0]["data"], strict=True))
    assert counts["窗口人员"] == 2
    assert counts["中心领导"] == 1
    assert counts["系统管理员"] == 0


def test_no_inline_styles_on_workbench(client, make_user):
    client.force_login(make_user(roles=list(Role)))
    html = client.get(URL).content.decode()
    assert " style=" not in html
    assert "<style" not in html


def test_staff_count_by_role_lists_every_role(make_user):
    make_user(roles=[Role.APPROVER, Role.WINDOW_STAFF])
    rows = staff_count_by_role()
    assert [r.label for r in rows] == [str(r.label) for r in Role]
    assert {r.label: r.count for r in rows}["审批人员"] == 1


@pytest.mark.parametrize("roles", [[Role.WINDOW_STAFF], [Role.CENTRE_LEADER], list(Role)])
def test_query_count(client, make_user, department, django_assert_max_num_queries, roles):
    client.force_login(make_user(roles=roles, departments=[department]))
    # session + user, session save (3: SESSION_SAVE_EVERY_REQUEST), roles (groups, once for
    # menu + page), departments, chart (leaders only); + 2 spare for the calendar banner check.
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert response.status_code == 200
