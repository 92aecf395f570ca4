"""Concurrent appends on PostgreSQL: the chain-head row lock serialises writers."""

from __future__ import annotations

import threading

from django.db import connection, connections, transaction

import pytest

from zhengwu.audit.context import Actor
from zhengwu.audit.models import AuditEntry
from zhengwu.audit.selectors import audit_chain_verify
from zhengwu.audit.services import audit_record

WORKERS = 2
PER_WORKER = 25


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_make_one_valid_chain():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite has a single writer")
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            barrier.wait(timeout=10)  # both start together, racing to create the chain head
            for i in range(PER_WORKER):
                with transaction.atomic():
                    audit_record(
                        action="export",
                        object_type="test.Concurrent",
                        object_id=f"{worker}-{i}",
                        actor=Actor(user_id=worker, label=f"线程{worker}", ip_address=None),
                    )
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, WORKERS * PER_WORKER + 1))
    assert AuditEntry.objects.values("object_id").distinct().count() == WORKERS * PER_WORKER
    result = audit_chain_verify()
    assert result.ok, result.problem
    assert result.count == WORKERS * PER_WORKER
