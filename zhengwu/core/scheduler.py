"""A small periodic-job scheduler with a database lease per job.

Jobs are declared in ``settings.ZHENGWU_SCHEDULED_JOBS`` (name → dotted callable + interval).
Any number of ``zhengwu scheduler`` processes may run: a job is claimed by one conditional
UPDATE (``locked_until`` in the past and ``next_run_at`` due), so each run happens exactly once
per interval, whichever process wins. A crashed holder's lease expires after ``lease_seconds``.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import JobStatus, ScheduledJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    name: str
    func: Callable[[], Any]
    interval_seconds: int
    lease_seconds: int


def job_specs() -> list[JobSpec]:
    specs = []
    jobs: dict[str, dict[str, Any]] = settings.ZHENGWU_SCHEDULED_JOBS
    for name, conf in jobs.items():
        interval = int(conf["interval"])
        specs.append(
            JobSpec(
                name=name,
                func=import_string(conf["callable"]),
                interval_seconds=interval,
                lease_seconds=int(conf.get("lease", max(60, interval))),
            )
        )
    return specs


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def jobs_register(specs: list[JobSpec]) -> None:
    now = timezone.now()
    for spec in specs:
        job, created = ScheduledJob.objects.get_or_create(
            name=spec.name,
            defaults={"interval_seconds": spec.interval_seconds, "next_run_at": now},
        )
        if not created and job.interval_seconds != spec.interval_seconds:
            ScheduledJob.objects.filter(pk=job.pk).update(interval_seconds=spec.interval_seconds)


def job_claim(spec: JobSpec, *, holder: str) -> bool:
    """Atomically take the job's lease if it is due and free. True for exactly one claimant."""
    now = timezone.now()
    claimed = (
        ScheduledJob.objects.filter(name=spec.name, next_run_at__lte=now)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(
            locked_by=holder,
            locked_until=now + timedelta(seconds=spec.lease_seconds),
            last_started_at=now,
            last_status=JobStatus.RUNNING,
        )
    )
    return claimed == 1


def job_run(spec: JobSpec, *, holder: str) -> str | None:
    """Run the job if this process wins the lease. Returns its status, or None if not run."""
    if not job_claim(spec, holder=holder):
        return None
    started = time.monotonic()
    try:
        result = spec.func()
    except Exception as exc:
        logger.exception("scheduled job %s failed", spec.name)
        status, message = JobStatus.FAILED, f"{type(exc).__name__}: {exc}"
    else:
        status, message = JobStatus.SUCCEEDED, "" if result is None else str(result)
    finished = timezone.now()
    ScheduledJob.objects.filter(name=spec.name, locked_by=holder).update(
        locked_by="",
        locked_until=None,
        last_finished_at=finished,
        last_status=status,
        last_message=f"{message[:900]}（用时{time.monotonic() - started:.2f}秒）",
        next_run_at=finished + timedelta(seconds=spec.interval_seconds),
        run_count=F("run_count") + 1,
    )
    return str(status)


def scheduler_tick(specs: list[JobSpec], *, holder: str) -> dict[str, str]:
    ran: dict[str, str] = {}
    for spec in specs:
        status = job_run(spec, holder=holder)
        if status is not None:
            ran[spec.name] = status
    return ran
