"""The ``zhengwu workdays`` / ``zhengwu calendar_import`` command contract."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from zhengwu.core.models import CalendarSource, CalendarYear
from zhengwu.core.selectors import calendar_cache_clear

from .test_calendar_services import NOTICE_2027

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    calendar_cache_clear()
    yield
    calendar_cache_clear()


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_prints_exactly_the_due_date():
    assert run("workdays", "add", "2025-09-26", "20") == "2025-10-30\n"


def test_add_explain_prints_the_trace_after_the_date():
    lines = run("workdays", "add", "2025-09-26", "20", "--explain").splitlines()

    assert lines[0] == "2025-10-30"
    assert lines[1] == "起算日：2025年9月26日（周五）"
    assert "2025年10月11日（周六）：周六 调休上班，计为第6个工作日" in lines
    assert lines[-1] == "结果：期限届满日为2025年10月30日（周四）。"


def test_add_with_pause_and_extension():
    output = run(
        "workdays",
        "add",
        "2025-09-26",
        "20",
        "--pause",
        "2025-10-13:2025-10-14:补正暂停",
        "--extension",
        "1",
    )

    assert output == "2025-11-04\n"


def test_add_into_a_missing_year_fails_naming_it():
    with pytest.raises(CommandError, match="2027"):
        run("workdays", "add", "2026-12-20", "20")


def test_bad_date_fails_in_chinese():
    with pytest.raises(CommandError, match="格式错误"):
        run("workdays", "add", "2025/09/26", "20")


def test_between_counts_working_days():
    assert run("workdays", "between", "2025-09-26", "2025-10-30") == "20\n"
    assert run("workdays", "between", "2025-10-30", "2025-09-26") == "-20\n"


def test_calendar_import_dry_run_changes_nothing(tmp_path):
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")

    output = run("calendar_import", "--year", "2027", "--notice", str(notice), "--dry-run")

    assert "2027-10-09\t周六\t调休上班\t国庆节" in output
    assert "试运行" in output
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_calendar_import_notice_then_deadline_into_2027(tmp_path):
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")

    run("calendar_import", "--year", "2027", "--notice", str(notice), "--reference", "测试")

    year = CalendarYear.objects.get(year=2027)
    assert year.source == CalendarSource.NOTICE
    assert year.notice_reference == "测试"
    assert run("workdays", "add", "2026-12-20", "20") == "2027-01-18\n"


def test_calendar_import_csv_in_gbk(tmp_path):
    csv_file = tmp_path / "2027.csv"
    csv_file.write_bytes("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-20,班,春节\n".encode("gbk"))

    output = run("calendar_import", "--year", "2027", "--csv", str(csv_file))

    assert "已导入2027年：放假1天，调休上班1天。" in output
    assert CalendarYear.objects.get(year=2027).source == CalendarSource.MANUAL


def test_calendar_import_with_errors_fails_and_imports_nothing(tmp_path):
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027.replace("共7天", "共6天"), encoding="utf-8")

    with pytest.raises(CommandError, match="写明共6天"):
        run("calendar_import", "--year", "2027", "--notice", str(notice))
    assert not CalendarYear.objects.filter(year=2027).exists()


ZHENGWU = Path(sys.executable).with_name("zhengwu")


@pytest.mark.skipif(not ZHENGWU.exists(), reason="the zhengwu console script is not installed")
def test_console_script_contract(tmp_path):
    """The real ``zhengwu`` executable, on a fresh migrated SQLite database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "ZHENGWU_IGNORE_DOTENV": "1",
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_DEBUG": "true",
        "ZHENGWU_SM4_KEYS": "k1=00112233445566778899aabbccddeeff",
        "ZHENGWU_SM4_ACTIVE_KEY_ID": "k1",
        "ZHENGWU_BLIND_INDEX_KEY": "00112233445566778899aabbccddeeff",
        "ZHENGWU_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }

    def zhengwu(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - fixed executable, test arguments
            [str(ZHENGWU), *args], env=env, capture_output=True, text=True, timeout=300
        )

    assert zhengwu("migrate", "-v", "0").returncode == 0

    ok = zhengwu("workdays", "add", "2025-09-26", "20")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "2025-10-30\n"

    missing = zhengwu("workdays", "add", "2026-12-20", "20")
    assert missing.returncode != 0
    assert "2027" in missing.stderr
    assert missing.stdout == ""
