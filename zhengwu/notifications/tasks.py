"""Task-worker entry points: take ids, call services, safe to run twice."""

from __future__ import annotations

from django_tasks import task

from . import services


@task(queue_name="notifications")
def deliver_notification(*, notification_id: int) -> str:
    return str(services.notification_deliver(notification_id=notification_id).status)
