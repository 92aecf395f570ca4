"""Pages and endpoints of the calendar: explain page, banner, admin import, API."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

import pytest
import time_machine

from zhengwu.core.context_processors import calendar_status
from zhengwu.core.models import CalendarDay, CalendarSource, CalendarYear, ScheduledJob
from zhengwu.core.selectors import calendar_cache_clear

from .test_calendar_services import NOTICE_2027

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
EXPLAIN = "/calendar/explain/"
API = "/api/core/workdays/add/"
IMPORT = "/admin/core/calendaryear/import/"


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    calendar_cache_clear()
    yield
    calendar_cache_clear()


def make_user(username: str, *, kind: str = "staff", **extra):
    return get_user_model().objects.create_user(
        username=username, password="pw-Strong-12345", kind=kind, **extra
    )


@pytest.fixture
def staff(client):
    user = make_user("window1")
    client.force_login(user)
    return user


@pytest.fixture
def admin_client(client):
    user = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


# --- explain page ----------------------------------------------------------------------------


def test_explain_requires_login(client):
    response = client.get(EXPLAIN)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_explain_is_for_staff_only(client):
    client.force_login(make_user("citizen1", kind="citizen"))

    assert client.get(EXPLAIN).status_code == 403


def test_explain_shows_due_date_and_reasons(client, staff):
    response = client.get(EXPLAIN, {"start_date": "2025-09-26", "days": "20"})

    assert response.status_code == 200
    assert response.context["result"].due_date == date(2025, 10, 30)
    html = response.content.decode()
    assert "期限届满日：2025年10月30日" in html
    assert "周六 调休上班，计为第6个工作日" in html
    assert "国庆节 休息，不计" in html


def test_explain_with_pause_and_extension(client, staff):
    response = client.get(
        EXPLAIN,
        {
            "start_date": "2025-09-26",
            "days": "20",
            "pause_start": "2025-10-13",
            "pause_end": "2025-10-14",
            "pause_reason": "correction",
            "extension_days": "1",
        },
    )

    # pause pushes day 20 to 11-3; one extension day → 11-4
    assert response.context["result"].due_date == date(2025, 11, 4)
    assert "补正暂停，不计" in response.content.decode()


def test_explain_missing_year_is_a_message_not_a_500(client, staff):
    response = client.get(EXPLAIN, {"start_date": "2026-12-20", "days": "20"})

    assert response.status_code == 200
    assert response.context["result"] is None
    assert "缺少2027年的法定节假日和调休安排" in response.content.decode()


def test_explain_rejects_bad_input(client, staff):
    response = client.get(
        EXPLAIN, {"start_date": "2025-09-26", "days": "-1", "pause_start": "2025-10-01"}
    )

    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context["form"].errors


# --- banner ----------------------------------------------------------------------------------


def _context_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return calendar_status(request)


def test_banner_context_only_for_calendar_administrators():
    plain = make_user("plain")
    allowed = make_user("caladmin")
    allowed.user_permissions.add(Permission.objects.get(codename="change_calendaryear"))
    allowed = get_user_model().objects.get(pk=allowed.pk)  # fresh permission cache

    with time_machine.travel(datetime(2026, 10, 5, 9, tzinfo=SHANGHAI), tick=False):
        assert _context_for(plain) == {}
        context = _context_for(allowed)
        assert context["calendar_missing_years"] == [2027]
        assert context["calendar_import_url"] == reverse("admin:core_calendaryear_import")


@pytest.mark.parametrize(
    ("now", "shown"),
    [
        (datetime(2026, 9, 30, 9, tzinfo=SHANGHAI), False),
        (datetime(2026, 10, 1, 9, tzinfo=SHANGHAI), True),
    ],
)
def test_banner_on_a_workbench_page_from_october(admin_client, now, shown):
    with time_machine.travel(now, tick=False):
        html = admin_client.get(EXPLAIN).content.decode()

    assert ("尚未录入2027年节假日安排" in html) is shown
    assert ("banner banner--warning" in html) is shown
    assert (IMPORT in html) is shown


def test_banner_partial_renders_every_missing_year():
    html = render_to_string(
        "core/_calendar_banner.html",
        {"calendar_missing_years": [2027, 2028], "calendar_import_url": IMPORT},
    )

    assert "尚未录入2027年节假日安排" in html
    assert "尚未录入2028年节假日安排" in html
    assert f'href="{IMPORT}"' in html
    assert "style=" not in html
    assert "<script" not in html
    assert render_to_string("core/_calendar_banner.html", {}).strip() == ""


# --- admin -----------------------------------------------------------------------------------


def test_admin_changelist_links_to_import(admin_client):
    html = admin_client.get("/admin/core/calendaryear/").content.decode()

    assert IMPORT in html
    assert "导入国务院通知" in html


def test_admin_import_preview_then_confirm(admin_client):
    data = {"year": "2027", "notice_reference": "测试文号", "notice_text": NOTICE_2027}

    preview = admin_client.post(IMPORT, {**data, "_preview": "1"})

    assert preview.status_code == 200
    assert preview.context["parsed"].ok
    assert "2027-10-09" in preview.content.decode()
    assert 'name="_confirm"' in preview.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()

    confirm = admin_client.post(IMPORT, {**data, "_confirm": "1"})

    year = CalendarYear.objects.get(year=2027)
    assert confirm.status_code == 302
    assert confirm["Location"] == reverse("admin:core_calendaryear_change", args=[year.pk])
    assert year.source == CalendarSource.NOTICE
    assert year.notice_reference == "测试文号"
    assert year.days.filter(kind="makeup_workday").count() == 5


def test_admin_import_with_errors_cannot_be_confirmed(admin_client):
    text = NOTICE_2027.replace("10月1日（周五）", "10月1日（周六）")

    response = admin_client.post(IMPORT, {"year": "2027", "notice_text": text, "_confirm": "1"})

    assert response.status_code == 200
    assert "实际是周五" in response.content.decode()
    assert 'name="_confirm"' not in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_admin_csv_upload_preview_then_confirm(admin_client):
    upload = io.BytesIO(
        "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-20,班,春节\n".encode("gb18030")
    )
    upload.name = "2027.csv"

    preview = admin_client.post(IMPORT, {"year": "2027", "csv_file": upload, "_preview": "1"})

    assert preview.context["parsed"].ok
    carried = preview.context["form"].initial["csv_text"]
    assert "2027-02-20,班,春节" in carried

    admin_client.post(IMPORT, {"year": "2027", "csv_text": carried, "_confirm": "1"})

    assert sorted(CalendarDay.objects.filter(date__year=2027).values_list("date", "kind")) == [
        (date(2027, 1, 1), "holiday"),
        (date(2027, 2, 20), "makeup_workday"),
    ]


def test_admin_import_needs_calendar_permissions(client):
    client.force_login(make_user("staffonly", is_staff=True))

    response = client.post(IMPORT, {"year": "2027", "notice_text": NOTICE_2027, "_confirm": "1"})

    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def _inline_post(year: CalendarYear, rows: list[tuple[str, str, str]]) -> dict[str, str]:
    data = {
        "year": str(year.year),
        "notice_reference": year.notice_reference,
        "notice_text": year.notice_text,
        "days-TOTAL_FORMS": str(len(rows)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, (day, kind, name) in enumerate(rows):
        data |= {f"days-{i}-date": day, f"days-{i}-kind": kind, f"days-{i}-name": name}
    return data


def test_admin_inline_edit_marks_year_manual_and_validates(admin_client):
    year = CalendarYear.objects.create(year=2027, source=CalendarSource.NOTICE)
    url = reverse("admin:core_calendaryear_change", args=[year.pk])
    new_year = ("2027-01-01", "holiday", "元旦")

    bad = admin_client.post(
        url, _inline_post(year, [new_year, ("2027-10-11", "makeup_workday", "国庆节")])
    )

    assert bad.status_code == 200
    assert "调休上班日2027年10月11日是周一，不是周末" in bad.content.decode()
    assert year.days.count() == 0

    good = admin_client.post(
        url, _inline_post(year, [new_year, ("2027-10-09", "makeup_workday", "国庆节")])
    )

    assert good.status_code == 302
    year.refresh_from_db()
    assert year.source == CalendarSource.MANUAL
    assert sorted(year.days.values_list("date", "kind")) == [
        (date(2027, 1, 1), "holiday"),
        (date(2027, 10, 9), "makeup_workday"),
    ]


def test_scheduled_jobs_are_read_only_in_admin(admin_client):
    ScheduledJob.objects.create(name="core.calendar_check", interval_seconds=3600)

    listing = admin_client.get("/admin/core/scheduledjob/")

    assert listing.status_code == 200
    assert "core.calendar_check" in listing.content.decode()
    assert admin_client.get("/admin/core/scheduledjob/add/").status_code == 403


# --- API -------------------------------------------------------------------------------------


def test_api_requires_authentication(client):
    response = client.get(API, {"start": "2025-09-26", "days": "20"})

    assert response.status_code in (401, 403)


def test_api_computes_the_due_date(client, staff):
    response = client.get(API, {"start": "2025-09-26", "days": "20"})

    assert response.status_code == 200
    body = response.json()
    assert body["start"] == "2025-09-26"
    assert body["days"] == 20
    assert body["due_date"] == "2025-10-30"
    assert body["explanation"][0] == "起算日：2025年9月26日（周五）"
    assert body["explanation"][-1] == "结果：期限届满日为2025年10月30日（周四）。"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2025-13-01", "days": "3"}, "start", "格式错误"),
        ({"start": "2025-09-26", "days": "-1"}, "days", "不能为负数"),
        ({"start": "2025-09-26", "days": "abc"}, "days", "应为整数"),
        ({"days": "3"}, "start", "缺少"),
    ],
)
def test_api_rejects_bad_input_in_chinese(client, staff, params, field, message):
    response = client.get(API, params)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "请求参数有误。"
    assert message in body["errors"][field][0]


def test_api_missing_year_is_a_conflict(client, staff):
    response = client.get(API, {"start": "2026-12-20", "days": "20"})

    assert response.status_code == 409
    assert response.json()["missing_year"] == 2027
    assert "2027" in response.json()["detail"]


@pytest.mark.django_db
def test_api_far_future_year_is_a_400_not_a_500(client):
    client.force_login(make_user("apiuser"))
    response = client.get("/api/core/workdays/add/", {"start": "9999-12-31", "days": 1})
    assert response.status_code == 400
    assert "2100" in response.json()["detail"]
