from __future__ import annotations

import logging

from django.urls import reverse

import pytest

from zhengwu.accounts.roles import Role
from zhengwu.accounts.tests.factories import CitizenFactory, staff_user
from zhengwu.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def test_lookup_page_shows_masked_values(client):
    citizen = CitizenFactory.create()
    id_number = citizen.id_number.reveal()
    client.force_login(staff_user(roles=[Role.WINDOW_STAFF]))
    page = client.post(reverse("accounts:lookup"), {"q": id_number}).content.decode()
    assert citizen.name in page
    assert id_number not in page
    assert id_number[:6] + "********" + id_number[-4:] in page
    assert citizen.user.phone.reveal() not in page


def test_reveal_is_permitted_and_audited(client):
    citizen = CitizenFactory.create()
    officer = staff_user(roles=[Role.WINDOW_STAFF])
    client.force_login(officer)
    client.post(reverse("accounts:lookup"), {"q": citizen.id_number.reveal()})
    before = AuditEntry.objects.filter(action=AuditAction.REVEAL).count()
    response = client.post(reverse("accounts:reveal", args=["citizen", citizen.pk, "id_number"]))
    assert response.status_code == 200
    assert citizen.id_number.reveal() in response.content.decode()
    entry = AuditEntry.objects.filter(action=AuditAction.REVEAL).latest("seq")
    assert AuditEntry.objects.filter(action=AuditAction.REVEAL).count() == before + 1
    assert entry.actor_id == officer.pk
    assert entry.object_id == str(citizen.pk)
    assert citizen.id_number.reveal() not in str(entry.changes)


@pytest.mark.parametrize(
    "roles", [[], [Role.APPROVER], [Role.CENTRE_LEADER], [Role.DEPARTMENT_ADMIN]]
)
def test_reveal_denied_for_other_roles_and_writes_nothing(client, roles):
    citizen = CitizenFactory.create()
    client.force_login(staff_user(roles=roles))
    before = AuditEntry.objects.filter(action=AuditAction.REVEAL).count()
    response = client.post(reverse("accounts:reveal", args=["citizen", citizen.pk, "id_number"]))
    assert response.status_code == 403
    assert citizen.id_number.reveal() not in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.REVEAL).count() == before


def test_citizen_cannot_reveal_or_look_up(client):
    citizen = CitizenFactory.create()
    client.force_login(citizen.user)
    assert client.get(reverse("accounts:lookup"), {"q": "x"}).status_code == 403
    assert (
        client.post(
            reverse("accounts:reveal", args=["citizen", citizen.pk, "id_number"])
        ).status_code
        == 403
    )


def test_unknown_field_cannot_be_revealed(client):
    citizen = CitizenFactory.create()
    client.force_login(staff_user(roles=[Role.SYSTEM_ADMIN]))
    response = client.post(reverse("accounts:reveal", args=["citizen", citizen.pk, "name"]))
    assert response.status_code == 403


def test_admin_list_is_masked(client):
    citizen = CitizenFactory.create()
    admin_user = staff_user(roles=[Role.SYSTEM_ADMIN])
    admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_citizenprofile_changelist")).content.decode()
    assert citizen.name in page
    assert citizen.id_number.reveal() not in page
    users = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert citizen.user.phone.reveal() not in users


def test_logs_never_show_personal_data(caplog):
    citizen = CitizenFactory.create()
    logger = logging.getLogger("zhengwu.test")
    with caplog.at_level(logging.INFO, logger="zhengwu.test"):
        logger.info("citizen %s phone %s", citizen.id_number, citizen.user.phone)
    assert citizen.id_number.reveal() not in caplog.text
    assert citizen.user.phone.reveal() not in caplog.text


def test_only_looked_up_records_can_be_revealed(client):
    shown = CitizenFactory.create()
    other = CitizenFactory.create()
    client.force_login(staff_user(roles=[Role.WINDOW_STAFF]))
    client.post(reverse("accounts:lookup"), {"q": shown.id_number.reveal()})
    before = AuditEntry.objects.filter(action=AuditAction.REVEAL).count()
    walked = client.post(reverse("accounts:reveal", args=["citizen", other.pk, "id_number"]))
    assert walked.status_code == 403
    assert other.id_number.reveal() not in walked.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.REVEAL).count() == before
    ok = client.post(reverse("accounts:reveal", args=["user", shown.user_id, "phone"]))
    assert ok.status_code == 200


def test_staff_phone_numbers_are_never_revealable(client):
    colleague = staff_user(roles=[Role.APPROVER], phone="13912340000")
    client.force_login(staff_user(roles=[Role.SYSTEM_ADMIN]))
    session = client.session
    session["zhengwu_revealable"] = [f"user:{colleague.pk}"]  # even if the key were present
    session.save()
    response = client.post(reverse("accounts:reveal", args=["user", colleague.pk, "phone"]))
    assert response.status_code == 404
    assert "13912340000" not in response.content.decode()


def test_reveals_are_rate_limited_per_officer(client, settings):
    settings.ZHENGWU_REVEALS_PER_HOUR = 2
    citizen = CitizenFactory.create()
    client.force_login(staff_user(roles=[Role.WINDOW_STAFF]))
    client.post(reverse("accounts:lookup"), {"q": citizen.id_number.reveal()})
    url = reverse("accounts:reveal", args=["citizen", citizen.pk, "id_number"])
    assert client.post(url).status_code == 200
    assert client.post(url).status_code == 200
    third = client.post(url)
    assert third.status_code == 429
    assert "上限" in third.content.decode()
    assert citizen.id_number.reveal() not in third.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.REVEAL).count() == 2
