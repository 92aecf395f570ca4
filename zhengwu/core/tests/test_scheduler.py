from __future__ import annotations

import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone

import pytest
import time_machine

from zhengwu.core.models import JobStatus, ScheduledJob
from zhengwu.core.scheduler import JobSpec, job_claim, job_run, jobs_register

calls: list[str] = []


def _job() -> str:
    calls.append("ran")
    return "ok"


def _failing_job() -> None:
    raise ValueError("坏数据")


SPEC = JobSpec(name="test.job", func=_job, interval_seconds=60, lease_seconds=120)


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()


@pytest.mark.django_db
def test_only_one_holder_runs_a_due_job():
    jobs_register([SPEC])
    assert job_run(SPEC, holder="a") == JobStatus.SUCCEEDED
    assert job_run(SPEC, holder="b") is None  # not due again yet
    assert calls == ["ran"]
    job = ScheduledJob.objects.get(name="test.job")
    assert job.run_count == 1 and job.locked_by == ""
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert job_run(SPEC, holder="b") == JobStatus.SUCCEEDED
    assert len(calls) == 2


@pytest.mark.django_db
def test_held_lease_blocks_others_until_it_expires():
    jobs_register([SPEC])
    assert job_claim(SPEC, holder="crashed") is True
    assert job_claim(SPEC, holder="b") is False
    with time_machine.travel(timezone.now() + timedelta(seconds=121)):
        assert job_claim(SPEC, holder="b") is True


@pytest.mark.django_db
def test_failure_is_recorded():
    spec = JobSpec(name="test.fail", func=_failing_job, interval_seconds=60, lease_seconds=60)
    jobs_register([spec])
    assert job_run(spec, holder="a") == JobStatus.FAILED
    job = ScheduledJob.objects.get(name="test.fail")
    assert "坏数据" in job.last_message
    assert job.locked_until is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_claim_once():
    jobs_register([SPEC])
    results: list[bool] = []
    barrier = threading.Barrier(4)

    def worker(name: str) -> None:
        barrier.wait()
        results.append(job_claim(SPEC, holder=name))
        connection.close()

    threads = [threading.Thread(target=worker, args=(f"h{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]
