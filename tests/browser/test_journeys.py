"""Citizen and staff journeys of the foundation, end to end in headless Chromium.

* a citizen registers on a phone with an SMS code, logs out, logs back in with a new code;
* bad input (an invalid 身份证号) gets a Chinese message and creates nothing;
* a department administrator logs in with username + password and edits a hall window;
* window staff look a citizen up by ID number, see it masked, reveal it (audited);
* repeated wrong passwords lock the staff account.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from zhengwu.accounts.models import CitizenProfile
from zhengwu.accounts.roles import Role
from zhengwu.accounts.tests.factories import PASSWORD, CitizenFactory, staff_user, valid_id_number
from zhengwu.audit.models import AuditAction, AuditEntry
from zhengwu.notifications.channels import MemoryBackend
from zhengwu.organisations.models import Window
from zhengwu.organisations.tests.factories import DepartmentFactory, WindowFactory

from .conftest import MOBILE

# serialized_rollback: the flush after each transactional test would otherwise wipe the
# calendar rows that the data migration seeded.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _last_code() -> str:
    return re.search(r"验证码为(\d{6})", MemoryBackend.outbox[-1].body).group(1)


def test_citizen_registers_and_logs_in_with_sms_codes(open_page, settings):
    # the second code is asked for seconds after the first: lift the 60-second interval
    settings.ZHENGWU_SMS_PER_PHONE_INTERVAL_SECONDS = 0
    record = open_page("/accounts/register/?kind=citizen", viewport=MOBILE, mobile=True)
    page = record.page
    id_number = valid_id_number(42)
    page.get_by_label("姓名").fill("王小红")
    page.get_by_label("居民身份证号码").fill(id_number)
    page.get_by_label("手机号").fill("13655550001")
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_load_state("networkidle")
    assert "验证码已发送" in page.content()
    page.get_by_label("短信验证码").fill(_last_code())
    page.get_by_role("button", name="注册", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "注册成功" in page.content()
    assert "王小红" in page.content()
    assert CitizenProfile.objects.get().id_number.reveal() == id_number
    record.screenshot("journey-citizen-registered-mobile")

    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state("networkidle")
    page.goto(record.origin + "/accounts/login/?kind=citizen&mode=sms")
    page.get_by_label("手机号").fill("13655550001")
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("短信验证码").fill(_last_code())
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "王小红" in page.content()
    record.assert_clean()


def test_invalid_id_number_is_explained_and_nothing_is_created(open_page):
    record = open_page("/accounts/register/?kind=citizen", viewport=MOBILE, mobile=True)
    page = record.page
    bad = valid_id_number(5)
    bad = bad[:17] + ("0" if bad[17] != "0" else "1")
    page.get_by_label("姓名").fill("李小明")
    page.get_by_label("居民身份证号码").fill(bad)
    page.get_by_label("手机号").fill("13655550002")
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("短信验证码").fill(_last_code())
    page.get_by_role("button", name="注册", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "身份证号码校验位不正确" in page.content()
    assert not CitizenProfile.objects.exists()
    record.screenshot("journey-register-bad-id-mobile")
    record.assert_clean()


def test_department_admin_logs_in_and_edits_a_window(open_page):
    dept = DepartmentFactory.create(name="靖江市公安局")
    window = WindowFactory.create(
        department=dept, number="B01", name="户政窗口", location="一楼B区"
    )
    staff_user(
        username="police_admin", roles=[Role.DEPARTMENT_ADMIN], departments=[dept], full_name="吴磊"
    )
    record = open_page("/accounts/login/?kind=staff")
    page = record.page
    page.get_by_label("账号").fill("police_admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/workbench/")
    page.get_by_role("complementary", name="工作台菜单").get_by_role(
        "link", name="部门管理"
    ).click()
    page.wait_for_load_state("networkidle")
    assert "靖江市公安局" in page.content()
    page.get_by_role("link", name="编辑").first.click()
    page.get_by_label("窗口名称").fill("户政业务窗口")
    page.get_by_label("位置").fill("一楼B区东侧")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    assert "窗口信息已保存" in page.content()
    window.refresh_from_db()
    assert (window.name, window.location) == ("户政业务窗口", "一楼B区东侧")
    record.screenshot("journey-department-admin")
    record.assert_clean()
    assert Window.objects.count() == 1


def test_window_staff_look_up_and_reveal_an_id_number(open_page):
    citizen = CitizenFactory.create(name="张三")
    id_number = citizen.id_number.reveal()
    officer = staff_user(roles=[Role.WINDOW_STAFF], full_name="李芳")
    record = open_page("/workbench/", user=officer)
    page = record.page
    page.get_by_role("complementary", name="工作台菜单").get_by_role(
        "link", name="群众企业账户查询"
    ).click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("身份证号码、手机号或统一社会信用代码").fill(id_number)
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state("networkidle")
    masked = id_number[:6] + "********" + id_number[-4:]
    assert masked in page.content()
    assert id_number not in page.content()
    page.get_by_role("button", name="显示").first.click()  # htmx swap, no page load
    page.get_by_text(id_number).wait_for()
    assert "已记录审计" in page.content()
    entry = AuditEntry.objects.filter(action=AuditAction.REVEAL).latest("seq")
    assert entry.actor_id == officer.pk
    record.screenshot("journey-window-staff-reveal")
    record.assert_clean()


def test_repeated_wrong_passwords_lock_the_account(open_page):
    staff_user(username="clerk", roles=[Role.WINDOW_STAFF])
    record = open_page("/accounts/login/?kind=staff")
    page = record.page
    for attempt in range(1, 6):
        page.get_by_label("账号").fill("clerk")
        page.get_by_label("密码").fill("wrong-password")
        page.get_by_role("button", name="登录", exact=True).click()
        page.wait_for_load_state("networkidle")
        if attempt < 5:
            assert "账号或密码不正确" in page.content()
    assert "锁定" in page.content()  # the fifth failure locks
    # even the right password is refused now
    page.goto(record.origin + "/accounts/login/?kind=staff")
    page.get_by_label("账号").fill("clerk")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "锁定" in page.content()
    assert "/workbench/" not in page.url
    record.screenshot("journey-staff-locked")
    # the lock-out answers 429, which the browser reports as a failed resource load
    record.assert_clean(allow_console=("429", "Too Many Requests"))


# A made-up notice in the State Council's format (the real 2027 notice is not yet published).
HYPOTHETICAL_2027_NOTICE = """国务院办公厅关于2027年部分节假日安排的通知（测试用虚构文本）
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


def test_system_admin_sees_the_banner_and_imports_next_years_notice(open_page):
    from zhengwu.core.calendar import CalendarYearMissing, add_workdays, load_calendar

    admin = staff_user(username="sysadmin", roles=[Role.SYSTEM_ADMIN], full_name="周明")
    admin.is_staff = True
    admin.save()
    with pytest.raises(CalendarYearMissing):
        add_workdays(date(2026, 12, 20), 20, load_calendar())

    record = open_page("/workbench/", user=admin)
    page = record.page
    banner = page.get_by_role("alert")
    assert "尚未录入2027年节假日安排" in banner.inner_text()
    banner.get_by_role("link", name="导入国务院通知").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("年份").fill("2027")
    page.get_by_label("通知原文").fill(HYPOTHETICAL_2027_NOTICE)
    page.get_by_role("button", name="预览").click()
    page.wait_for_load_state("networkidle")
    assert "共解析出放假10天、调休上班2天" in page.content()
    record.screenshot("journey-calendar-import-preview")
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state("networkidle")

    page.goto(record.origin + "/workbench/")
    assert page.get_by_role("alert").count() == 0
    result = add_workdays(date(2026, 12, 20), 20, load_calendar())
    assert result.due_date == date(2027, 1, 18)  # 元旦 1–3 January not counted
    record.assert_clean()


def test_staff_computes_a_deadline_and_sees_why(open_page):
    officer = staff_user(roles=[Role.APPROVER], full_name="王强")
    record = open_page("/calendar/explain/", user=officer, viewport=MOBILE, mobile=True)
    page = record.page
    page.get_by_label("起算日（收到申请之日）").fill("2025-09-26")
    page.get_by_label("期限（工作日）").fill("20")
    page.get_by_role("button", name="计算").click()
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert "2025年10月30日" in content
    assert "周日 调休上班，计为第1个工作日" in content
    record.screenshot("journey-deadline-explained-mobile")
    record.assert_clean()


def test_enterprise_registers_after_correcting_its_credit_code(open_page):
    from zhengwu.accounts.models import EnterpriseProfile
    from zhengwu.core.validators import credit_code_check_char

    body = "91321282MA1WKH3L7"
    good = body + credit_code_check_char(body)
    bad = body + ("0" if good[-1] != "0" else "1")
    record = open_page("/accounts/register/?kind=enterprise")
    page = record.page
    page.get_by_label("统一社会信用代码").fill(bad)
    page.get_by_label("单位名称").fill("靖江示例食品有限公司")
    page.get_by_label("法定代表人").fill("王建华")
    page.get_by_label("经办人姓名").fill("钱晓燕")
    page.get_by_label("经办人身份证号码").fill(valid_id_number(77))
    page.get_by_label("经办人手机号").fill("13655550077")
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("短信验证码").fill(_last_code())
    page.get_by_role("button", name="注册", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "统一社会信用代码校验位不正确" in page.content()
    assert not EnterpriseProfile.objects.exists()

    page.get_by_label("统一社会信用代码").fill(good)
    page.get_by_role("button", name="注册", exact=True).click()  # the same code is still valid
    page.wait_for_load_state("networkidle")
    assert "注册成功" in page.content()
    assert EnterpriseProfile.objects.get().credit_code == good
    record.screenshot("journey-enterprise-registered")
    record.assert_clean()
