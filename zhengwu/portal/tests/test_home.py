import re

from django.template.loader import render_to_string
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

SERVICES = ["我要办事", "办件查询", "在线预约", "好差评", "政务公开"]


def test_url_name():
    assert reverse("portal:home") == "/"


@pytest.mark.django_db
def test_anonymous_home_is_public_and_in_chinese(client):
    response = client.get("/")
    assert response.status_code == 200
    assertTemplateUsed(response, "portal/base.html")
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<title>首页 - 政务服务网</title>" in html
    assert 'name="viewport"' in html
    assert 'name="csrf-token"' in html
    for label in SERVICES:
        assert label in html
    assert "即将开放" in html
    assert f'href="{reverse("accounts:login")}"' in html
    assert 'type="search"' in html
    assert "您好" not in html


@pytest.mark.django_db
def test_assets_are_local_and_there_is_no_inline_code(client):
    html = client.get("/").content.decode()
    assert "/static/css/zhengwu.css" in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "/static/js/app.js" in html
    assert "echarts" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert " style=" not in html
    assert "<style" not in html
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attrs
        assert not body.strip()
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


@pytest.mark.django_db
def test_search_echoes_the_query_with_a_notice(client):
    response = client.get("/", {"q": "营业执照<script>"})
    assertContains(response, "办事指南检索即将开放")
    assertContains(response, "营业执照&lt;script&gt;")
    assertNotContains(response, "营业执照<script>")


@pytest.mark.parametrize(
    ("kind", "account"), [("citizen", "自然人账户"), ("enterprise", "法人账户")]
)
def test_applicants_are_greeted_by_name(client, make_user, kind, account):
    client.force_login(make_user(kind, full_name="王小明"))
    response = client.get("/")
    assertContains(response, "您好，王小明")
    assertContains(response, account)
    assertContains(response, "我的办件")
    assertNotContains(response, "进入工作台")


def test_staff_are_pointed_to_the_workbench(client, make_user):
    client.force_login(make_user("staff", full_name="赵六"))
    response = client.get("/")
    assertContains(response, "进入工作台")
    assertContains(response, f'href="{reverse("workbench:home")}"')
    assertNotContains(response, "我的办件")


def test_home_query_count(client, make_user, django_assert_max_num_queries):
    client.force_login(make_user("citizen", full_name="王小明"))
    # session + user, session save (SAVEPOINT/UPDATE/RELEASE: SESSION_SAVE_EVERY_REQUEST),
    # + 2 spare for the shared context processors (calendar status).
    with django_assert_max_num_queries(7):
        client.get("/")


@pytest.mark.django_db
def test_404_page_is_chinese(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, "您访问的页面不存在", status_code=404)


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "系统暂时出现问题" in html
    assert '<html lang="zh-hans">' in html


@pytest.mark.django_db
def test_403_page_renders_for_anonymous(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string("403.html", request=request)
    assert "无权访问" in html
    assert "登录" in html
