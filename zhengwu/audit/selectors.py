"""Reads of the audit trail: verifying the hash chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .chain import GENESIS_HASH, compute_entry_hash
from .models import AuditChainHead, AuditEntry


class ProblemKind(StrEnum):
    TAMPERED = "tampered"  # the entry's content, seq or hashes were changed
    MISSING = "missing"  # an entry was deleted (a gap in seq, or the tail is shorter than the head)
    HEAD = "head"  # the chain head row was removed or altered


@dataclass(frozen=True)
class ChainProblem:
    kind: ProblemKind
    position: int  # 1-based place in the chain ("第 N 条")
    seq: int | None  # the seq the problem is at (for a gap: the first missing seq)
    message: str


@dataclass(frozen=True)
class ChainVerification:
    count: int
    last_hash: str
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _tampered(position: int, seq: int, why: str) -> ChainProblem:
    return ChainProblem(
        ProblemKind.TAMPERED, position, seq, f"第 {position} 条记录（seq={seq}）被篡改：{why}"
    )


def _missing(position: int, seq: int, why: str) -> ChainProblem:
    return ChainProblem(
        ProblemKind.MISSING, position, seq, f"第 {position} 条记录（seq={seq}）缺失：{why}"
    )


def audit_chain_verify(
    *, progress: Callable[[int], object] | None = None, chunk_size: int = 2000
) -> ChainVerification:
    """Walk the chain in seq order, recompute every hash and stop at the first broken link.

    Checks, per entry: seq continues the previous one (else an entry is missing), prev_hash
    equals the previous entry's hash, and entry_hash equals the recomputed hash. At the end the
    chain head (read before the walk) must point at the entry it recorded as last, which
    catches entries deleted from the end of the chain.
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    expected_seq = 1
    prev_hash = GENESIS_HASH
    position = 0
    head_entry_hash: str | None = None
    entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size)
    for entry in entries:
        position += 1
        if entry.seq > expected_seq:
            skipped = entry.seq - expected_seq
            return ChainVerification(
                position - 1,
                prev_hash,
                _missing(
                    position,
                    expected_seq,
                    f"序号从 {expected_seq - 1} 跳到 {entry.seq}，{skipped} 条记录被删除。",
                ),
            )
        if entry.seq < expected_seq:
            return ChainVerification(
                position - 1,
                prev_hash,
                _tampered(position, entry.seq, f"序号应为 {expected_seq}。"),
            )
        if entry.prev_hash != prev_hash:
            return ChainVerification(
                position - 1,
                prev_hash,
                _tampered(position, entry.seq, "其“前一条哈希”与上一条记录的哈希不符，链接断开。"),
            )
        if compute_entry_hash(entry) != entry.entry_hash:
            return ChainVerification(
                position - 1,
                prev_hash,
                _tampered(position, entry.seq, "内容与其 SM3 哈希不符。"),
            )
        if head is not None and entry.seq == head.last_seq:
            head_entry_hash = entry.entry_hash
        prev_hash = entry.entry_hash
        expected_seq += 1
        if progress is not None:
            progress(1)

    if head is None:
        if position:
            problem = ChainProblem(
                ProblemKind.HEAD,
                position,
                None,
                f"审计链头记录缺失：{position} 条记录本身完整，但无法排除末尾记录被删除。",
            )
            return ChainVerification(position, prev_hash, problem)
    elif head.last_seq >= expected_seq:
        return ChainVerification(
            position,
            prev_hash,
            _missing(
                position + 1,
                expected_seq,
                f"链头记录最后一条为 seq={head.last_seq}，末尾 "
                f"{head.last_seq - expected_seq + 1} 条记录被删除。",
            ),
        )
    elif head.last_seq > 0 and head_entry_hash != head.last_hash:
        problem = ChainProblem(
            ProblemKind.HEAD,
            head.last_seq,
            head.last_seq,
            f"第 {head.last_seq} 条记录（seq={head.last_seq}）与链头记录的哈希不符："
            "该记录及其后的记录被整体重写。",
        )
        return ChainVerification(position, prev_hash, problem)
    return ChainVerification(position, prev_hash, None)
