"""Sealing append-only streams in batches and verifying them (``fazhi verify``).

Batches are contiguous id ranges: batch n+1 starts right after batch n, so every record with an
id up to the last sealed one lies inside some batch, and a record inserted later into a gap, a
deleted one, or an altered one is found. A batch takes only settled records: older than
``SETTLE_SECONDS`` (a transaction still open may yet commit a lower id), and it stops before an
id gap younger than ``GAP_SECONDS`` (the missing id may belong to a transaction still running;
after that long the gap is taken as a rolled-back insert).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import merkle
from .models import Seal, StreamHead


@dataclass(frozen=True)
class Stream:
    name: str
    model: str  # "app_label.ModelName"
    time_field: str
    label: str
    # ``fazhi verify <group>`` checks the streams of a group together (default: its own name).
    group: str = ""
    # An extra check beyond the Merkle roots, e.g. that stored files still match their digests;
    # it yields (record id, Chinese message) for each problem.
    check: Callable[[], Iterable[tuple[int, str]]] | None = None

    def model_class(self) -> Any:
        return apps.get_model(self.model)

    def current_columns(self) -> list[str]:
        return [f.attname for f in self.model_class()._meta.concrete_fields]


STREAMS: dict[str, Stream] = {}


def register_stream(
    name: str,
    model: str,
    time_field: str,
    label: str,
    *,
    group: str = "",
    check: Callable[[], Iterable[tuple[int, str]]] | None = None,
) -> None:
    STREAMS[name] = Stream(name, model, time_field, label, group or name, check)


def stream_groups() -> dict[str, list[str]]:
    """Streams by ``fazhi verify`` group, so a newly registered stream is always verified."""
    groups: dict[str, list[str]] = {}
    for stream in STREAMS.values():
        groups.setdefault(stream.group, []).append(stream.name)
    return groups


SETTLE_SECONDS = 60
GAP_SECONDS = 600


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def leaf_bytes(row: dict[str, Any]) -> bytes:
    """Canonical bytes of one record: its stored column values as sorted JSON."""
    return json.dumps(
        {k: _canonical(v) for k, v in row.items()},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _rows(
    stream: Stream, columns: Sequence[str], first_id: int, last_id: int
) -> Iterator[dict[str, Any]]:
    qs = stream.model_class()._default_manager.filter(pk__gte=first_id, pk__lte=last_id)
    return qs.order_by("pk").values(*columns).iterator(chunk_size=2000)


def _ranges(ids: Iterable[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for i in ids:
        if out and out[-1][1] + 1 == i:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def _expand(ranges: Sequence[Sequence[int]]) -> list[int]:
    return [i for a, b in ranges for i in range(a, b + 1)]


def _head(stream_name: str) -> StreamHead:
    try:
        with transaction.atomic():
            StreamHead.objects.get_or_create(stream=stream_name)
    except IntegrityError:  # another sealer created it at the same moment
        pass
    return StreamHead.objects.select_for_update().get(stream=stream_name)


def seal(
    stream_name: str, *, now: dt.datetime | None = None, batch: int | None = None
) -> Seal | None:
    """Seal the next batch of settled records of one stream; None when nothing is new."""
    stream = STREAMS[stream_name]
    algorithm = settings.FAZHI_HASH_ALGORITHM
    batch = batch or settings.FAZHI_SEAL_BATCH
    now = now or timezone.now()
    settled = now - dt.timedelta(seconds=SETTLE_SECONDS)
    gap_settled = now - dt.timedelta(seconds=GAP_SECONDS)
    with transaction.atomic():
        head = _head(stream_name)
        start = head.last_id + 1
        candidates = (
            stream.model_class()
            ._default_manager.filter(pk__gte=start)
            .order_by("pk")
            .values_list("pk", stream.time_field)[:batch]
        )
        ids: list[int] = []
        expected = start
        for pk, at in candidates:
            if at >= settled:
                break
            if pk != expected and at >= gap_settled:
                break  # the missing ids may still be committed by a running transaction
            ids.append(pk)
            expected = pk + 1
        if not ids:
            return None
        columns = stream.current_columns()
        chosen = set(ids)
        # A row committed between the two queries is left for the next batch (and reported
        # there as inserted if it falls inside this range: it should not, given the settling).
        leaves = [
            merkle.leaf_hash(leaf_bytes(r), algorithm)
            for r in _rows(stream, columns, start, ids[-1])
            if r["id"] in chosen
        ]
        root = merkle.root_from_leaf_hashes(leaves, algorithm)
        sealed = Seal.objects.create(
            stream=stream_name,
            first_id=start,
            last_id=ids[-1],
            leaf_count=len(leaves),
            algorithm=algorithm,
            root=root.hex(),
            leaves=b"".join(leaves),
            previous_root=head.last_root,
            columns=columns,
            id_ranges=_ranges(ids),
        )
        head.last_id, head.last_root = ids[-1], sealed.root
        head.save(update_fields=["last_id", "last_root"])
        return sealed


def seal_all(now: dt.datetime | None = None) -> list[Seal]:
    sealed = []
    for name in STREAMS:
        while (s := seal(name, now=now)) is not None:
            sealed.append(s)
    return sealed


@dataclass
class Problem:
    stream: str
    record_id: int | None
    message: str


@dataclass
class Report:
    stream: str
    batches: int = 0
    records: int = 0
    unsealed: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _split_leaves(blob: bytes, size: int) -> list[bytes]:
    return [blob[i : i + size] for i in range(0, len(blob), size)]


def _check_batch(stream: Stream, s: Seal, report: Report) -> None:
    digest_size = len(merkle.hash_fn(s.algorithm)(b""))
    stored = _split_leaves(bytes(s.leaves), digest_size)
    if merkle.root_from_leaf_hashes(stored, s.algorithm).hex() != s.root:
        report.problems.append(Problem(stream.name, s.first_id, "批次的叶子摘要与默克尔根不符"))
        return
    expected_ids = _expand(s.id_ranges)
    leaf_of = dict(zip(expected_ids, stored, strict=True))
    seen: set[int] = set()
    for row in _rows(stream, s.columns, s.first_id, s.last_id):
        report.records += 1
        pk = row["id"]
        seen.add(pk)
        if pk not in leaf_of:
            report.problems.append(Problem(stream.name, pk, "封存后插入的记录"))
            return
        if merkle.leaf_hash(leaf_bytes(row), s.algorithm) != leaf_of[pk]:
            report.problems.append(Problem(stream.name, pk, "记录内容与封存摘要不符（被篡改）"))
            return
    missing = [pk for pk in expected_ids if pk not in seen]
    if missing:
        report.problems.append(Problem(stream.name, missing[0], "已封存的记录被删除"))


def verify(stream_name: str, published: Sequence[dict[str, Any]] = ()) -> Report:
    """Recompute every sealed batch; name the first record that no longer matches.

    ``published`` is a copy of the roots as published (``/integrity/roots.json``): a batch
    missing from the database or with another root there means the database was rewritten.
    """
    stream = STREAMS[stream_name]
    report = Report(stream_name)
    previous, expected_first = "", 1
    seals = list(Seal.objects.filter(stream=stream_name).order_by("first_id"))
    for s in seals:
        report.batches += 1
        if s.previous_root != previous:
            report.problems.append(Problem(stream_name, s.first_id, "批次链断裂：上一批根不符"))
        if s.first_id != expected_first:
            report.problems.append(Problem(stream_name, expected_first, "封存批次缺失"))
        previous, expected_first = s.root, s.last_id + 1
        _check_batch(stream, s, report)
    by_first = {s.first_id: s.root for s in seals}
    for entry in published:
        if entry.get("stream") != stream_name:
            continue
        root = by_first.get(int(entry["first_id"]))
        if root is None:
            report.problems.append(
                Problem(stream_name, int(entry["first_id"]), "已公布的封存批次在数据库中不存在")
            )
        elif root != entry["root"]:
            report.problems.append(
                Problem(stream_name, int(entry["first_id"]), "数据库中的默克尔根与已公布的不符")
            )
    model = stream.model_class()
    report.unsealed = model._default_manager.filter(pk__gte=expected_first).count()
    return report


def published_roots() -> list[dict[str, Any]]:
    """The roots as the portal publishes them (``/integrity/roots.json``)."""
    return [
        {
            "stream": s.stream,
            "first_id": s.first_id,
            "last_id": s.last_id,
            "leaf_count": s.leaf_count,
            "algorithm": s.algorithm,
            "root": s.root,
            "previous_root": s.previous_root,
            "sealed_at": s.sealed_at.isoformat(),
        }
        for s in Seal.objects.order_by("stream", "first_id")
    ]


def inclusion(stream_name: str, record_id: int) -> dict[str, Any]:
    """An RFC 6962 inclusion proof that a record is in its sealed batch."""
    stream = STREAMS[stream_name]
    s = Seal.objects.filter(
        stream=stream_name, first_id__lte=record_id, last_id__gte=record_id
    ).first()
    if s is None:
        raise LookupError(f"记录 {record_id} 尚未封存")
    ids = _expand(s.id_ranges)
    if record_id not in ids:
        raise LookupError(f"记录 {record_id} 不在封存批次中")
    row = next(_rows(stream, s.columns, record_id, record_id), None)
    if row is None:
        raise LookupError(f"记录 {record_id} 已不存在")
    index = ids.index(record_id)
    digest_size = len(merkle.hash_fn(s.algorithm)(b""))
    leaves = _split_leaves(bytes(s.leaves), digest_size)
    leaf = merkle.leaf_hash(leaf_bytes(row), s.algorithm)
    path = merkle.inclusion_proof(leaves, index, s.algorithm)
    return {
        "stream": stream_name,
        "record_id": record_id,
        "algorithm": s.algorithm,
        "leaf_index": index,
        "tree_size": len(leaves),
        "leaf_hash": leaf.hex(),
        "audit_path": [p.hex() for p in path],
        "root": s.root,
        "valid": merkle.verify_inclusion(
            leaf, index, len(leaves), path, bytes.fromhex(s.root), s.algorithm
        ),
    }
