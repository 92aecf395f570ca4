from __future__ import annotations

import itertools
import json
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db import transaction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from zhengwu.audit.chain import GENESIS_HASH, canonical_json, compute_entry_hash, entry_content
from zhengwu.audit.context import Actor
from zhengwu.audit.models import AuditAction, AuditChainHead, AuditEntry
from zhengwu.audit.selectors import ProblemKind, audit_chain_verify
from zhengwu.audit.services import audit_record
from zhengwu.audit.tests.tampering import delete_raw, tamper
from zhengwu.core.crypto import sm3_hex

pytestmark = pytest.mark.django_db

ACTORS = [
    Actor(user_id=7, label="窗口人员甲", ip_address="192.0.2.10"),
    Actor(user_id=None, label="系统", ip_address=None),
    Actor(user_id=12, label="管理员", ip_address="0:0:0:0:0:0:0:1"),  # stored by PG as ::1
]


def make_chain(n: int) -> list[AuditEntry]:
    entries = []
    for i in range(n):
        entries.append(
            audit_record(
                action=list(AuditAction)[i % len(AuditAction)],
                object_type="organisations.Department",
                object_id=i,
                object_repr=f"测试局{i}",
                changes={"name": {"old": f"旧名称{i}", "new": f"新名称{i}"}, "n": i, "ok": True},
                actor=ACTORS[i % len(ACTORS)],
            )
        )
    return entries


def verify_command() -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("audit_verify", stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


# --- the hash ----------------------------------------------------------------------------------


def test_first_entry_is_chained_to_genesis_and_hash_is_sm3_of_prev_and_canonical_json():
    entry = make_chain(1)[0]
    assert entry.seq == 1
    assert entry.prev_hash == GENESIS_HASH
    expected = sm3_hex((GENESIS_HASH + canonical_json(entry_content(entry))).encode("utf-8"))
    assert entry.entry_hash == expected


def test_canonical_json_is_sorted_compact_utf8_with_utc_microseconds():
    entry = make_chain(1)[0]
    text = canonical_json(entry_content(entry))
    content = json.loads(text)
    assert list(content) == sorted(content)
    assert "测试局0" in text  # not \u-escaped
    assert ": " not in text
    assert content["created_at"].endswith("+00:00")
    assert len(content["created_at"].split(".")[1]) == len("123456+00:00")


def test_entries_are_linked_and_head_follows_the_tail():
    entries = make_chain(5)
    for previous, entry in itertools.pairwise(entries):
        assert entry.prev_hash == previous.entry_hash
        assert entry.seq == previous.seq + 1
    head = AuditChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (5, entries[-1].entry_hash)


def test_hash_survives_the_round_trip_through_the_database():
    entries = make_chain(6)
    for entry in entries:
        stored = AuditEntry.objects.get(pk=entry.pk)
        assert compute_entry_hash(stored) == stored.entry_hash


# --- verification ------------------------------------------------------------------------------


def test_empty_chain_is_complete():
    assert audit_chain_verify().ok
    code, out = verify_command()
    assert (code, out.splitlines()[0]) == (0, "审计链完整：共 0 条")


def test_long_chain_verifies():
    entries = make_chain(300)
    result = audit_chain_verify(chunk_size=50)
    assert result.ok
    assert result.count == 300
    assert result.last_hash == entries[-1].entry_hash
    code, out = verify_command()
    assert code == 0
    assert "审计链完整：共 300 条" in out
    assert entries[-1].entry_hash in out


def test_progress_callback_counts_entries():
    make_chain(7)
    seen: list[int] = []
    audit_chain_verify(progress=seen.append)
    assert sum(seen) == 7


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("actor_label", "别人"),
        ("actor_id", 999),
        ("ip_address", "198.51.100.1"),
        ("action", AuditAction.EXPORT),
        ("object_type", "accounts.User"),
        ("object_id", "42"),
        ("object_repr", "改过的名称"),
        ("changes", {"name": {"old": "x", "new": "y"}}),
    ],
)
def test_a_changed_field_is_named_at_its_seq(field, value):
    entries = make_chain(10)
    tamper(entries[5].pk, **{field: value})
    result = audit_chain_verify()
    assert result.problem is not None
    assert result.problem.kind == ProblemKind.TAMPERED
    assert result.problem.seq == 6
    assert result.count == 5
    code, out = verify_command()
    assert code == 1
    assert "第 6 条记录（seq=6）被篡改" in out


def test_changed_timestamp_is_detected():
    entries = make_chain(4)
    tamper(entries[2].pk, created_at=entries[2].created_at + timedelta(microseconds=1))
    assert audit_chain_verify().problem.seq == 3


def test_rewritten_entry_with_recomputed_hash_breaks_the_next_link():
    entries = make_chain(6)
    victim = AuditEntry.objects.get(pk=entries[2].pk)
    victim.object_repr = "伪造"
    tamper(victim.pk, object_repr="伪造", entry_hash=compute_entry_hash(victim))
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.seq == 4
    assert "前一条哈希" in problem.message


def test_deleted_entry_is_named_as_missing():
    entries = make_chain(8)
    delete_raw(entries[3].pk)
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.kind == ProblemKind.MISSING
    assert problem.seq == 4
    code, out = verify_command()
    assert code == 1
    assert "第 4 条记录（seq=4）缺失" in out


def test_several_deleted_entries_are_counted():
    entries = make_chain(8)
    delete_raw(entries[2].pk, entries[3].pk, entries[4].pk)
    problem = audit_chain_verify().problem
    assert problem.seq == 3
    assert "3 条记录被删除" in problem.message


def test_deleted_first_entry_is_detected():
    entries = make_chain(3)
    delete_raw(entries[0].pk)
    assert audit_chain_verify().problem.seq == 1


def test_deleted_tail_is_detected_through_the_head():
    entries = make_chain(6)
    delete_raw(entries[4].pk, entries[5].pk)
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.kind == ProblemKind.MISSING
    assert problem.seq == 5
    assert "末尾 2 条记录被删除" in problem.message


def test_missing_head_is_reported():
    make_chain(3)
    AuditChainHead.objects.all().delete()
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.kind == ProblemKind.HEAD


def test_rewritten_tail_is_caught_by_the_head():
    entries = make_chain(4)
    last = AuditEntry.objects.get(pk=entries[-1].pk)
    last.object_repr = "整体重写"
    tamper(last.pk, object_repr="整体重写", entry_hash=compute_entry_hash(last))
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.kind == ProblemKind.HEAD
    assert problem.seq == 4


def test_lost_head_is_rebuilt_from_the_last_entry():
    entries = make_chain(3)
    AuditChainHead.objects.all().delete()
    entry = audit_record(action="export", object_type="x", object_id=1)
    # seq 4 records the rebuild (the head's loss stays visible), the entry itself is seq 5
    repair = AuditEntry.objects.get(seq=4)
    assert repair.action == "chain_repair"
    assert repair.prev_hash == entries[-1].entry_hash
    assert entry.seq == 5
    assert entry.prev_hash == repair.entry_hash
    assert audit_chain_verify().ok


# --- any single-field tamper is found at exactly that seq (property test) ----------------------

safe_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
json_values = st.one_of(st.none(), st.booleans(), st.integers(-(10**9), 10**9), safe_text)
TAMPER_FIELDS = [
    "seq",
    "created_at",
    "actor_id",
    "actor_label",
    "ip_address",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "prev_hash",
    "entry_hash",
]


def new_value(draw, field: str, entry: AuditEntry, chain_length: int):
    if field == "seq":
        # seq is unique: the free values lie past the end (0 is free too, see below)
        return draw(st.integers(chain_length + 1, chain_length + 10_000))
    if field == "created_at":
        shift = draw(st.integers(1, 10**12)) * draw(st.sampled_from([1, -1]))
        return entry.created_at + timedelta(microseconds=shift)
    if field == "actor_id":
        return draw(st.one_of(st.none(), st.integers(1, 10**9)))
    if field == "ip_address":
        return str(draw(st.ip_addresses(v=4)))
    if field == "action":
        return draw(st.sampled_from(AuditAction.values))
    if field in ("prev_hash", "entry_hash"):
        return draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    if field == "changes":
        return draw(st.dictionaries(safe_text, json_values, max_size=3))
    return draw(safe_text)


def test_any_single_field_tamper_is_detected_at_exactly_that_seq():
    chain_length = 12
    entries = make_chain(chain_length)

    @given(data=st.data())
    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    def check(data):
        index = data.draw(st.integers(0, chain_length - 1), label="index")
        field = data.draw(st.sampled_from(TAMPER_FIELDS), label="field")
        entry = entries[index]
        value = new_value(data.draw, field, entry, chain_length)
        assume(value != getattr(entry, field))
        with transaction.atomic():
            tamper(entry.pk, **{field: value})
            result = audit_chain_verify()
            transaction.set_rollback(True)
        assert result.problem is not None, (field, value)
        assert result.problem.seq == entry.seq, (field, value, result.problem.message)
        assert f"seq={entry.seq}）" in result.problem.message

    check()
    assert audit_chain_verify().ok  # every tamper was rolled back


def test_seq_moved_to_zero_is_reported_at_the_start():
    entries = make_chain(5)
    tamper(entries[2].pk, seq=0)
    problem = audit_chain_verify().problem
    assert problem is not None
    assert problem.kind == ProblemKind.TAMPERED
    assert "seq=0" in problem.message
