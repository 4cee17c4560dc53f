"""Sealing and verification: `fazhi verify` names the first altered record."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from fazhi.core.integrity import sealing
from fazhi.core.integrity.audit import record
from fazhi.core.integrity.models import AuditEntry, Seal, SecurityEvent

from ..conftest import is_postgres

pytestmark = pytest.mark.django_db

# Far enough ahead that every record has settled and every id gap is old (on PostgreSQL the ids
# of earlier, rolled-back tests leave a gap before the first record).
LATER = timezone.now() + dt.timedelta(days=1)


def raw(sql: str, params: list[object]) -> None:
    """Write past the application's guards (and PostgreSQL's triggers), as an attacker would."""
    with connection.cursor() as cur:
        if is_postgres():
            cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute(sql, params)
        if is_postgres():
            cur.execute("SET LOCAL session_replication_role = origin")


def make_events(n: int) -> list[SecurityEvent]:
    return [record("login", username=f"user{i}") for i in range(n)]


def tamper(table: str, pk: int, column: str, value: str) -> None:
    """What an attacker with database access would do, bypassing the guards."""
    with connection.cursor() as cur:
        if is_postgres():
            cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', [value, pk])
        if is_postgres():
            cur.execute("SET LOCAL session_replication_role = origin")


def test_it_seals_settled_records_in_batches_chained_by_root() -> None:
    make_events(5)
    first = sealing.seal("security", now=LATER, batch=3)
    second = sealing.seal("security", now=LATER, batch=3)
    assert (first.leaf_count, second.leaf_count) == (3, 2)
    assert second.previous_root == first.root
    assert sealing.seal("security", now=LATER) is None


def test_records_still_settling_are_left_for_the_next_batch() -> None:
    make_events(2)
    assert sealing.seal("security", now=timezone.now()) is None


def test_verify_passes_on_untouched_records() -> None:
    make_events(4)
    sealing.seal_all(now=LATER)
    report = sealing.verify("security")
    assert report.ok and report.records == 4


def test_verify_names_the_altered_record() -> None:
    events = make_events(4)
    sealing.seal_all(now=LATER)
    tamper("integrity_securityevent", events[2].pk, "username", "mallory")
    report = sealing.verify("security")
    assert not report.ok
    assert report.problems[0].record_id == events[2].pk


def test_verify_command_fails_naming_the_record_after_a_row_is_altered(org, people) -> None:
    # A staff write through the audit log (django-auditlog), then tampering with it.
    org.scjg.name = "鄂州市市场监督管理局（改）"
    org.scjg.save()
    entry = AuditEntry.objects.latest("id")
    sealing.seal_all(now=LATER)
    out = io.StringIO()
    call_command("fazhi_verify", "audit", stdout=out)
    assert "校验通过" in out.getvalue()
    tamper("integrity_auditentry", entry.pk, "object_repr", "无关记录")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("fazhi_verify", "audit", stdout=out)
    assert f"记录 {entry.pk}" in out.getvalue()


def test_a_deleted_record_is_reported() -> None:
    events = make_events(3)
    sealing.seal_all(now=LATER)
    raw('DELETE FROM "integrity_securityevent" WHERE id = %s', [events[2].pk])
    assert "删除" in sealing.verify("security").problems[0].message


def test_an_inclusion_proof_verifies_against_the_published_root() -> None:
    events = make_events(7)
    sealing.seal_all(now=LATER)
    proof = sealing.inclusion("security", events[4].pk)
    assert proof["valid"] and proof["tree_size"] == 7
    assert proof["root"] == Seal.objects.get(stream="security").root


def test_on_postgresql_the_database_itself_refuses_update_and_delete() -> None:
    if not is_postgres():
        pytest.skip("runs in the PostgreSQL pass (the trigger exists only there)")
    from django.db.utils import DatabaseError

    event = make_events(1)[0]
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cur:
        cur.execute(
            'UPDATE "integrity_securityevent" SET username = %s WHERE id = %s', ["x", event.pk]
        )


def test_a_record_forged_into_an_id_gap_is_found() -> None:
    events = make_events(3)
    # A rolled-back insert leaves a gap in the ids.
    raw('DELETE FROM "integrity_securityevent" WHERE id = %s', [events[1].pk])
    sealing.seal_all(now=LATER)
    raw(
        'INSERT INTO "integrity_securityevent" (id, at, kind, username, path, object_repr,'
        " success, data) VALUES (%s, %s, 'login', 'forged', '', '', true, '{}')",
        [events[1].pk, timezone.now()],
    )
    problems = sealing.verify("security").problems
    assert problems and problems[0].record_id == events[1].pk and "插入" in problems[0].message


def test_a_young_gap_holds_the_batch_back() -> None:
    make_events(1)
    sealing.seal_all(now=LATER)
    events = make_events(3)
    raw('DELETE FROM "integrity_securityevent" WHERE id = %s', [events[1].pk])
    soon = timezone.now() + dt.timedelta(seconds=sealing.SETTLE_SECONDS + 5)
    batch = sealing.seal("security", now=soon)  # settled, but the gap is younger than GAP_SECONDS
    assert batch.last_id == events[0].pk


def test_a_rewritten_database_does_not_match_the_published_roots() -> None:
    make_events(3)
    sealing.seal_all(now=LATER)
    published = sealing.published_roots()
    published[0]["root"] = "00" * 32
    report = sealing.verify("security", published)
    assert "已公布" in report.problems[0].message


def test_a_negative_index_never_verifies() -> None:
    from fazhi.core.integrity import merkle

    leaves = [merkle.leaf_hash(bytes([i])) for i in range(4)]
    root = merkle.root_from_leaf_hashes(leaves)
    proof = merkle.inclusion_proof(leaves, 3)
    assert merkle.verify_inclusion(leaves[3], 3, 4, proof, root)
    assert not merkle.verify_inclusion(leaves[3], -1, 4, proof, root)


def test_on_postgresql_truncate_is_refused() -> None:
    if not is_postgres():
        pytest.skip("runs in the PostgreSQL pass (the trigger exists only there)")
    from django.db.utils import DatabaseError

    make_events(1)
    with pytest.raises(DatabaseError, match="TRUNCATE"), connection.cursor() as cur:
        cur.execute("SET LOCAL fazhi.allow_truncate = 'off'")
        cur.execute('TRUNCATE "integrity_securityevent" CASCADE')


def test_fazhi_verify_checks_every_registered_stream(monkeypatch) -> None:
    """A stream registered by any app is verified by `fazhi verify all` and its group."""
    from django.core.management import get_commands, load_command_class

    monkeypatch.setattr(sealing, "STREAMS", dict(sealing.STREAMS))
    sealing.register_stream("numbers2", "casework.VoidedNumber", "at", "测试", group="extra")
    assert sealing.stream_groups()["extra"] == ["numbers2"]
    command = load_command_class(get_commands()["fazhi_verify"], "fazhi_verify")
    parser = command.create_parser("fazhi", "fazhi_verify")
    assert parser.parse_args(["extra"]).what == "extra"
    groups = sealing.stream_groups()
    assert {"audit", "cases", "publications"} <= set(groups)
    assert "numbers" in groups["cases"]  # casework's voided numbers, registered by casework
