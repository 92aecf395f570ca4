from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from zhengwu.core import crypto

pytestmark = pytest.mark.django_db

# The project's user model carries an EncryptedField (phone). It is looked up, not imported:
# core is a leaf and never imports a domain app (import-linter).
User = get_user_model()


def stored_phones() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, phone FROM accounts_user WHERE phone <> ''")
        return dict(cursor.fetchall())


def set_raw_phone(pk: int, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET phone = %s WHERE id = %s", [value, pk])


def run(*args: str) -> str:
    out = StringIO()
    call_command("rotate_keys", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def users_under_old_key(settings):
    settings.ZHENGWU_SM4_ACTIVE_KEY_ID = "t0"
    users = [
        User.objects.create(username=f"u{i}", kind="staff", phone=f"1380000{i:04d}")
        for i in range(7)
    ]
    User.objects.create(username="nophone", kind="staff", phone="")
    settings.ZHENGWU_SM4_ACTIVE_KEY_ID = "t1"
    users[0].save()  # one value is already under the new key
    return users


def test_dry_run_reports_key_ids_and_changes_nothing(users_under_old_key):
    before = stored_phones()
    out = run("--dry-run")
    assert "accounts.User.phone：t0=6，t1=1" in out
    assert "待重新加密 6 条" in out
    assert stored_phones() == before


def test_rotation_re_encrypts_everything_with_the_active_key(users_under_old_key):
    out = run("--batch-size", "2")
    assert "accounts.User.phone：重新加密 6 条" in out
    stored = stored_phones()
    assert len(stored) == 7
    assert {crypto.key_id_of(v) for v in stored.values()} == {"t1"}
    for user in users_under_old_key:
        assert User.objects.get(pk=user.pk).phone == user.phone.reveal()
    assert User.objects.get(username="nophone").phone == ""


def test_rotation_is_idempotent(users_under_old_key):
    run()
    after_first = stored_phones()
    out = run()
    assert "accounts.User.phone：重新加密 0 条" in out
    assert stored_phones() == after_first
    assert "待重新加密 0 条" in run("--dry-run")


def test_plaintext_left_from_before_encryption_is_encrypted(users_under_old_key):
    user = users_under_old_key[3]
    set_raw_phone(user.pk, "13912345678")
    assert "（明文）=1" in run("--dry-run")
    run()
    assert crypto.key_id_of(stored_phones()[user.pk]) == "t1"
    assert User.objects.get(pk=user.pk).phone == "13912345678"


def test_values_under_an_unknown_key_are_reported_and_left_alone(users_under_old_key, settings):
    user = users_under_old_key[2]
    orphan = crypto.encrypt("13800000002", ring=crypto.build_keyring(
        {"gone": "ffeeddccbbaa99887766554433221100"}, "gone", settings.ZHENGWU_BLIND_INDEX_KEY
    ))  # fmt: skip
    set_raw_phone(user.pk, orphan)
    with pytest.raises(CommandError, match=f"accounts.User.phone pk={user.pk}"):
        run()
    stored = stored_phones()
    assert stored[user.pk] == orphan
    others = [v for pk, v in stored.items() if pk != user.pk]
    assert {crypto.key_id_of(v) for v in others} == {"t1"}
