from __future__ import annotations

from django.urls import reverse

import pytest

from zhengwu.accounts.models import User
from zhengwu.audit.models import AuditEntry
from zhengwu.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    root = User.objects.create_superuser(
        "root", "root@example.gov.cn", "Root-Passw0rd!", kind="staff"
    )
    client.force_login(root)
    return client


@pytest.fixture
def entry() -> AuditEntry:
    return audit_record(
        action="update",
        object_type="organisations.Department",
        object_id=314,
        object_repr="县教育局",
        changes={"name": {"old": "教育局", "new": "县教育局"}},
    )


def test_superuser_can_list_and_view(superuser_client, entry):
    listing = superuser_client.get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200
    assert "县教育局" in listing.content.decode()
    detail = superuser_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert entry.entry_hash in page
    assert 'name="_save"' not in page


def test_nobody_can_add_change_or_delete(superuser_client, entry):
    assert superuser_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert superuser_client.post(change, {"object_repr": "改"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:audit_auditentry_changelist")
    response = superuser_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert AuditEntry.objects.get(pk=entry.pk).object_repr == "县教育局"


def test_search_and_filters(superuser_client, entry):
    audit_record(action="export", object_type="accounts.User", object_id=99)
    changelist = reverse("admin:audit_auditentry_changelist")
    found = superuser_client.get(changelist, {"q": "314"}).content.decode()
    assert "县教育局" in found
    by_action = superuser_client.get(changelist, {"action__exact": "export"})
    assert by_action.status_code == 200
    assert "县教育局" not in by_action.content.decode()
    by_type = superuser_client.get(changelist, {"object_type": "accounts.User"})
    assert by_type.status_code == 200
