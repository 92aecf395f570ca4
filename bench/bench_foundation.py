"""Foundation benchmarks: working-day arithmetic, field encryption, audit appends.

Prints numbers and ratios against a baseline measured in the same process. Not a test: there
are no pass/fail thresholds here. Run: `make bench` (or `.venv/bin/python bench/bench_foundation.py`).
Uses a throwaway SQLite file unless BENCH_DATABASE_URL points at PostgreSQL.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
tmp = tempfile.mkdtemp(prefix="zhengwu-bench-")
os.environ["TEST_DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

if connection.vendor == "sqlite":
    settings.DATABASES["default"]["NAME"] = f"{tmp}/bench.sqlite3"


def timed(label: str, fn: Callable[[], object], n: int) -> float:
    fn()  # warm up
    start = time.perf_counter()
    for _ in range(n):
        fn()
    per = (time.perf_counter() - start) / n
    print(f"  {label:<52} {per * 1e6:>10.1f} µs/op  ({n} ops)")
    return per


def main() -> None:
    call_command("migrate", verbosity=0)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from zhengwu.audit.services import audit_record
    from zhengwu.core import crypto
    from zhengwu.core.calendar import add_workdays, load_calendar, workdays_between
    from zhengwu.core.selectors import calendar_cache_clear
    from zhengwu.organisations.models import Region

    print(f"数据库 / database: {connection.vendor}")
    print("工作日计算 / working days")
    calendar_cache_clear()
    cold = timed(
        "load_calendar() cold (2004–2026 from the DB)",
        lambda: (calendar_cache_clear(), load_calendar()),
        20,
    )
    warm = timed("load_calendar() cached (one version query)", load_calendar, 200)
    print(f"  ratio cold/cached: {cold / warm:.1f}×")
    cal = load_calendar()
    start = date(2025, 9, 26)

    def weekday_only() -> date:  # baseline: weekends only, no holidays, no explanation
        d, n = start, 0
        while n < 20:
            d += timedelta(days=1)
            if d.weekday() < 5:
                n += 1
        return d

    base = timed("baseline: +20 weekdays, weekends only", weekday_only, 20000)
    real = timed(
        "add_workdays(+20) with holidays, 调休 and trace",
        lambda: add_workdays(start, 20, cal),
        20000,
    )
    print(f"  ratio add_workdays/baseline: {real / base:.1f}×")
    timed(
        "workdays_between over one year",
        lambda: workdays_between(date(2025, 1, 1), date(2025, 12, 31), cal),
        2000,
    )

    print("个人信息加密 / personal data")
    aes = AESGCM(bytes(16))
    nonce = bytes(12)
    base = timed(
        "baseline: AES-128-GCM encrypt 18 bytes",
        lambda: aes.encrypt(nonce, b"321282199001011234", None),
        20000,
    )
    sm4 = timed(
        "crypto.encrypt (SM4-GCM, key id, base64)",
        lambda: crypto.encrypt("321282199001011234"),
        20000,
    )
    token = crypto.encrypt("321282199001011234")
    timed("crypto.decrypt", lambda: crypto.decrypt(token), 20000)
    timed(
        "crypto.blind_index (HMAC-SM3)",
        lambda: crypto.blind_index("321282199001011234", purpose="id_number"),
        20000,
    )
    print(f"  ratio SM4 field encrypt/AES-GCM primitive: {sm4 / base:.1f}×")

    print("审计链 / audit chain")
    region = Region.objects.create(code="999999", name="基准", level="county")
    n = 300

    def plain_insert() -> None:
        with transaction.atomic():
            Region.objects.filter(pk=region.pk).update(name="基准")

    base = timed("baseline: one UPDATE in a transaction", plain_insert, n)

    def audited() -> None:
        with transaction.atomic():
            audit_record(
                action="update",
                object_type="bench.Region",
                object_id=region.pk,
                changes={"name": ["a", "b"]},
            )

    chained = timed("audit_record() append (locked head + SM3 chain)", audited, n)
    print(f"  ratio audited/plain write: {chained / base:.1f}×")
    t0 = time.perf_counter()
    call_command("audit_verify", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from zhengwu.audit.models import AuditEntry

    count = AuditEntry.objects.count()
    print(f"  audit_verify over {count} entries: {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
