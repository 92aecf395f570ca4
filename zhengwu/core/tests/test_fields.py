from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import FieldError, ValidationError
from django.db import connection, models
from django.test.utils import isolate_apps

import pytest

from zhengwu.core import crypto
from zhengwu.core.fields import EncryptedField, encrypted_fields
from zhengwu.core.masking import ProtectedValue
from zhengwu.core.validators import validate_phone

# The project's user model carries an EncryptedField (phone). It is looked up, not imported:
# core is a leaf and never imports a domain app (import-linter).
User = get_user_model()
PHONE = "13812345678"


def raw_phone(user) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE id = %s", [user.pk])
        return cursor.fetchone()[0]


def make_user(**kwargs):
    kwargs.setdefault("username", "zhang")
    kwargs.setdefault("kind", "staff")
    return User.objects.create(**kwargs)


@pytest.mark.django_db
def test_database_holds_ciphertext_only():
    user = make_user(phone=PHONE)
    stored = raw_phone(user)
    assert stored.startswith("sm4g1$t1$")
    assert PHONE not in stored
    assert "5678" not in stored
    assert crypto.decrypt(stored) == PHONE


@pytest.mark.django_db
def test_reading_returns_a_masked_protected_value():
    make_user(phone=PHONE)
    user = User.objects.get(username="zhang")
    assert isinstance(user.phone, ProtectedValue)
    assert str(user.phone) == "138****5678"
    assert f"{user.phone}" == "138****5678"
    assert user.phone.reveal() == PHONE
    assert user.phone == PHONE


@pytest.mark.django_db
def test_assigned_plaintext_is_wrapped_at_once():
    user = User(username="li", kind="staff", phone=PHONE)
    assert isinstance(user.phone, ProtectedValue)
    assert str(user.phone) == "138****5678"
    user.phone = "13900001111"
    assert str(user.phone) == "139****1111"
    assert user.phone.reveal() == "13900001111"


@pytest.mark.django_db
def test_empty_and_null_stay_empty():
    user = make_user(phone="")
    assert raw_phone(user) == ""
    assert User.objects.get(pk=user.pk).phone == ""


@pytest.mark.django_db
def test_every_save_uses_a_fresh_nonce():
    user = make_user(phone=PHONE)
    first = raw_phone(user)
    user.save()
    assert raw_phone(user) != first
    assert crypto.decrypt(raw_phone(user)) == PHONE


@pytest.mark.django_db
def test_ciphertext_cannot_be_searched():
    with pytest.raises(FieldError):
        list(User.objects.filter(phone=PHONE))
    with pytest.raises(FieldError):
        list(User.objects.filter(phone__startswith="138"))
    make_user(phone=PHONE)
    assert User.objects.filter(phone__isnull=False).count() == 1


@pytest.mark.django_db
def test_text_that_only_looks_like_ciphertext_is_encrypted():
    lookalike = "sm4g1$t1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    user = make_user(phone=lookalike)
    assert raw_phone(user) != lookalike
    assert User.objects.get(pk=user.pk).phone.reveal() == lookalike


@pytest.mark.django_db
def test_genuine_ciphertext_is_stored_as_it_is():
    token = crypto.encrypt(PHONE)
    user = make_user(phone=token)
    assert user.phone.reveal() == PHONE
    assert User.objects.get(pk=user.pk).phone.reveal() == PHONE


@pytest.mark.django_db
def test_old_key_still_reads_and_a_save_moves_to_the_active_key(settings):
    settings.ZHENGWU_SM4_ACTIVE_KEY_ID = "t0"
    user = make_user(phone=PHONE)
    assert crypto.key_id_of(raw_phone(user)) == "t0"
    settings.ZHENGWU_SM4_ACTIVE_KEY_ID = "t1"
    user = User.objects.get(pk=user.pk)
    assert user.phone.reveal() == PHONE
    user.save()
    assert crypto.key_id_of(raw_phone(user)) == "t1"


@pytest.mark.django_db
def test_serialisation_writes_ciphertext_and_loads_back():
    user = make_user(phone=PHONE)
    dumped = serializers.serialize("json", User.objects.filter(pk=user.pk))
    assert PHONE not in dumped
    assert "138****5678" not in dumped  # a masked dump would corrupt the value on loaddata
    assert "sm4g1$" in dumped
    User.objects.filter(pk=user.pk).update(phone="")
    for obj in serializers.deserialize("json", dumped):
        obj.save()
    assert User.objects.get(pk=user.pk).phone.reveal() == PHONE


@pytest.mark.django_db
def test_a_form_posting_the_masked_value_back_keeps_the_real_value():
    user = make_user(phone=PHONE)
    field = User._meta.get_field("phone")
    field.save_form_data(user, "138****5678")
    assert user.phone.reveal() == PHONE
    field.save_form_data(user, "13900001111")
    assert user.phone.reveal() == "13900001111"


def test_validators_see_the_plaintext():
    field = EncryptedField(kind="phone", validators=[validate_phone])
    assert field.clean(PHONE, None).reveal() == PHONE
    assert field.clean(ProtectedValue("phone", PHONE), None) == PHONE
    with pytest.raises(ValidationError):
        field.clean("12345", None)


def test_to_python():
    field = EncryptedField(kind="id_number")
    assert field.to_python(None) is None
    assert field.to_python("") == ""
    value = field.to_python("320282199001011234")
    assert isinstance(value, ProtectedValue)
    assert value.kind == "id_number"
    assert field.to_python(crypto.encrypt("320282199001011234")) == "320282199001011234"
    assert field.to_python(ProtectedValue("phone", "x")).kind == "id_number"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        EncryptedField(kind="bank_card")


def test_deconstruct_keeps_the_kind():
    _name, path, _args, kwargs = EncryptedField(kind="phone", blank=True).deconstruct()
    assert path == "zhengwu.core.fields.EncryptedField"
    assert kwargs["kind"] == "phone"


@isolate_apps("zhengwu.core")
def test_unique_encrypted_field_fails_the_system_check():
    class Sample(models.Model):
        secret = EncryptedField(kind="phone", unique=True)

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return "sample"

    errors = Sample._meta.get_field("secret").check()
    assert [e.id for e in errors] == ["zhengwu.E001"]


def test_encrypted_fields_lists_every_column_once():
    found = {(model._meta.label, field.name) for model, field in encrypted_fields()}
    assert {
        ("accounts.User", "phone"),
        ("accounts.CitizenProfile", "id_number"),
        ("accounts.EnterpriseProfile", "agent_id_number"),
    } <= found
