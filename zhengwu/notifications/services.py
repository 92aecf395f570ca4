"""Writes for the outbox. Domain apps call ``notification_create`` and nothing else."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from zhengwu.core.masking import mask_text

from .channels import DeliveryError, OutgoingMessage, backend_name_for, get_backend
from .models import Notification, NotificationStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_BACKOFF_SECONDS = (30, 120, 600, 1800, 3600)


def notification_create(
    *, channel: str, recipient: str, template_code: str, body: str, subject: str = ""
) -> Notification:
    """Write the outbox row in the caller's transaction; deliver after commit."""
    notification = Notification.objects.create(
        channel=channel,
        recipient=recipient,
        template_code=template_code,
        subject=subject,
        body=body,
        next_attempt_at=timezone.now(),
    )
    notification_id = notification.pk
    transaction.on_commit(lambda: _enqueue(notification_id))
    return notification


def _enqueue(notification_id: int) -> None:
    from .tasks import deliver_notification

    try:
        deliver_notification.enqueue(notification_id=notification_id)
    except Exception:  # the scheduler's retry_pending sweep will pick the row up
        logger.exception("could not enqueue notification %s", notification_id)


def notification_deliver(*, notification_id: int) -> Notification:
    """Send one pending notification. Safe to call twice: a sent row is left alone."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status != NotificationStatus.PENDING:
            return notification
        message = OutgoingMessage(
            notification_id=notification.pk,
            channel=notification.channel,
            recipient=notification.recipient.reveal(),
            subject=notification.subject,
            body=notification.body.reveal(),
        )
        notification.attempts += 1
        try:
            provider_id = get_backend(backend_name_for(notification.channel)).send(message)
        except Exception as exc:  # any failure is an attempt: counted, backed off, recorded
            retryable = exc.retryable if isinstance(exc, DeliveryError) else True
            if not isinstance(exc, DeliveryError):
                logger.exception("notification %s: unexpected delivery error", notification.pk)
            notification.last_error = mask_text(f"{type(exc).__name__}: {exc}")[:2000]
            if retryable and notification.attempts < MAX_ATTEMPTS:
                delay = RETRY_BACKOFF_SECONDS[min(notification.attempts, MAX_ATTEMPTS) - 1]
                notification.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            else:
                notification.status = NotificationStatus.FAILED
                notification.next_attempt_at = None
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.provider_message_id = provider_id
            notification.last_error = ""
            notification.next_attempt_at = None
        notification.save()
    return notification


def notifications_retry_pending(*, limit: int = 200) -> int:
    """Deliver pending rows whose next attempt is due (scheduler job). Returns how many tried."""
    due = list(
        Notification.objects.filter(
            status=NotificationStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        try:
            notification_deliver(notification_id=pk)
        except Exception:  # one broken row must not starve the rows due after it
            logger.exception("notification %s could not be processed", pk)
    return len(due)
