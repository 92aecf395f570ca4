"""Re-encrypt every EncryptedField value with the active SM4 key (key rotation).

Usage::

    zhengwu rotate_keys --dry-run      # how many values use which key id, per column
    zhengwu rotate_keys                # re-encrypt every value not under the active key

Safe to run again (values already under the active key are skipped) and safe alongside the
running site: each batch locks its rows and rewrites only values still holding the ciphertext
that was read. Values found in clear (written before encryption) are encrypted too. The writes
use ``QuerySet.update()``: the plaintext does not change, so no audit entry is written.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models.functions import Cast

from tqdm import tqdm

from zhengwu.core import crypto
from zhengwu.core.fields import EncryptedField, encrypted_fields
from zhengwu.core.masking import ProtectedValue

PLAINTEXT = "（明文）"
RAW = "_zw_stored"


def _stored_values(
    model: type[models.Model], field: EncryptedField
) -> models.QuerySet[models.Model]:
    """Rows with a non-empty value, annotated with the stored text (not decrypted)."""
    return (
        model._base_manager.exclude(**{f"{field.attname}__isnull": True})
        .annotate(**{RAW: Cast(field.attname, output_field=models.TextField())})
        .exclude(**{RAW: ""})
    )


def _key_label(stored: str) -> str:
    try:
        return crypto.key_id_of(stored)
    except crypto.DecryptionError:
        return PLAINTEXT


class Command(BaseCommand):
    help = "用当前启用的 SM4 密钥重新加密所有个人信息字段（密钥轮换）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="只统计各密钥编号下的数据条数，不做修改。"
        )
        parser.add_argument("--batch-size", type=int, default=500, help="每批处理的行数。")

    def handle(self, *args: Any, **options: Any) -> None:
        ring = crypto.keyring()
        batch_size: int = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        columns = list(encrypted_fields())
        if options["dry_run"]:
            self._report(columns, ring)
            return
        rewritten = 0
        failed: list[str] = []
        for model, field in columns:
            label = f"{model._meta.label}.{field.name}"
            total = _stored_values(model, field).count()
            with tqdm(total=total, desc=label, unit="行", disable=not sys.stderr.isatty()) as bar:
                done, errors = self._rotate_column(model, field, ring, batch_size, bar.update)
            rewritten += done
            failed.extend(f"{label} pk={pk}" for pk in errors)
            self.stdout.write(f"{label}：重新加密 {done} 条")
        self.stdout.write(
            self.style.SUCCESS(f"完成：共重新加密 {rewritten} 条，当前密钥编号 {ring.active_id}")
        )
        if failed:
            raise CommandError(
                f"{len(failed)} 条数据无法用已配置的密钥解密（密钥缺失或数据损坏）："
                + "，".join(failed[:20])
            )

    def _report(self, columns: list[tuple[type[models.Model], EncryptedField]], ring: Any) -> None:
        pending = 0
        for model, field in columns:
            counts: Counter[str] = Counter()
            for stored in _stored_values(model, field).values_list(RAW, flat=True).iterator():
                counts[_key_label(stored)] += 1
            pending += sum(n for key, n in counts.items() if key != ring.active_id)
            summary = "，".join(f"{key}={n}" for key, n in sorted(counts.items())) or "无数据"
            self.stdout.write(f"{model._meta.label}.{field.name}：{summary}")
        self.stdout.write(f"当前密钥编号 {ring.active_id}；待重新加密 {pending} 条（未做修改）")

    def _rotate_column(
        self,
        model: type[models.Model],
        field: EncryptedField,
        ring: crypto.KeyRing,
        batch_size: int,
        progress: Any,
    ) -> tuple[int, list[Any]]:
        done = 0
        errors: list[Any] = []
        last_pk: Any = None
        manager = model._base_manager
        while True:
            with transaction.atomic():
                rows = _stored_values(model, field).order_by("pk")
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                batch = list(rows.select_for_update().values_list("pk", RAW)[:batch_size])
                for pk, stored in batch:
                    key = _key_label(stored)
                    if key == ring.active_id:
                        continue
                    try:
                        plain = stored if key == PLAINTEXT else crypto.decrypt(stored, ring=ring)
                    except crypto.DecryptionError:
                        errors.append(pk)
                        continue
                    manager.filter(pk=pk).update(
                        **{field.attname: ProtectedValue(field.kind, plain)}
                    )
                    done += 1
            if not batch:
                return done, errors
            last_pk = batch[-1][0]
            progress(len(batch))
