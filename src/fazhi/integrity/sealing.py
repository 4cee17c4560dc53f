"""Sealing append-only streams in batches and verifying them (``fazhi verify``)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import merkle
from .models import Seal


@dataclass(frozen=True)
class Stream:
    name: str
    model: str  # "app_label.ModelName"
    time_field: str
    label: str

    def model_class(self) -> Any:
        return apps.get_model(self.model)


STREAMS: dict[str, Stream] = {}


def register_stream(name: str, model: str, time_field: str, label: str) -> None:
    STREAMS[name] = Stream(name, model, time_field, label)


# Records committed out of id order could otherwise fall behind a sealed batch.
SETTLE_SECONDS = 60


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


def _rows(stream: Stream, first_id: int, last_id: int | None = None) -> Iterator[dict[str, Any]]:
    model = stream.model_class()
    columns = [f.attname for f in model._meta.concrete_fields]
    qs = model._default_manager.filter(pk__gte=first_id)
    if last_id is not None:
        qs = qs.filter(pk__lte=last_id)
    return qs.order_by("pk").values(*columns).iterator(chunk_size=2000)


def seal(
    stream_name: str, *, now: dt.datetime | None = None, batch: int | None = None
) -> Seal | None:
    """Seal the next batch of settled records of one stream; None when nothing is new."""
    stream = STREAMS[stream_name]
    algorithm = settings.FAZHI_HASH_ALGORITHM
    batch = batch or settings.FAZHI_SEAL_BATCH
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=SETTLE_SECONDS)
    with transaction.atomic():
        last = (
            Seal.objects.select_for_update().filter(stream=stream_name).order_by("-last_id").first()
        )
        start = last.last_id + 1 if last else 0
        model = stream.model_class()
        ids = list(
            model._default_manager.filter(pk__gte=start, **{f"{stream.time_field}__lt": cutoff})
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return None
        leaves = [
            merkle.leaf_hash(leaf_bytes(r), algorithm) for r in _rows(stream, ids[0], ids[-1])
        ]
        root = merkle.root_from_leaf_hashes(leaves, algorithm)
        return Seal.objects.create(
            stream=stream_name,
            first_id=ids[0],
            last_id=ids[-1],
            leaf_count=len(leaves),
            algorithm=algorithm,
            root=root.hex(),
            leaves=b"".join(leaves),
            previous_root=last.root if last else "",
        )


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
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _split_leaves(blob: bytes, size: int) -> list[bytes]:
    return [blob[i : i + size] for i in range(0, len(blob), size)]


def verify(stream_name: str) -> Report:
    """Recompute every sealed batch; name the first record whose content no longer matches."""
    stream = STREAMS[stream_name]
    report = Report(stream_name)
    previous = ""
    for s in Seal.objects.filter(stream=stream_name).order_by("first_id"):
        report.batches += 1
        digest_size = len(merkle.hash_fn(s.algorithm)(b""))
        stored = _split_leaves(bytes(s.leaves), digest_size)
        if s.previous_root != previous:
            report.problems.append(Problem(stream_name, s.first_id, "批次链断裂：上一批根不符"))
        previous = s.root
        if merkle.root_from_leaf_hashes(stored, s.algorithm).hex() != s.root:
            report.problems.append(Problem(stream_name, s.first_id, "批次的叶子摘要与默克尔根不符"))
            continue
        rows = list(_rows(stream, s.first_id, s.last_id))
        report.records += len(rows)
        for i, row in enumerate(rows):
            if i >= len(stored):
                report.problems.append(Problem(stream_name, row["id"], "封存后插入的记录"))
                break
            if merkle.leaf_hash(leaf_bytes(row), s.algorithm) != stored[i]:
                report.problems.append(
                    Problem(stream_name, row["id"], "记录内容与封存摘要不符（被篡改）")
                )
                break
        else:
            if len(rows) < len(stored):
                missing_after = rows[-1]["id"] if rows else s.first_id
                report.problems.append(
                    Problem(
                        stream_name,
                        missing_after,
                        f"封存批次缺少 {len(stored) - len(rows)} 条记录（被删除）",
                    )
                )
    return report


def inclusion(stream_name: str, record_id: int) -> dict[str, Any]:
    """An RFC 6962 inclusion proof that a record is in its sealed batch."""
    stream = STREAMS[stream_name]
    s = Seal.objects.filter(
        stream=stream_name, first_id__lte=record_id, last_id__gte=record_id
    ).first()
    if s is None:
        raise LookupError(f"记录 {record_id} 尚未封存")
    ids = [r["id"] for r in _rows(stream, s.first_id, s.last_id)]
    index = ids.index(record_id)
    digest_size = len(merkle.hash_fn(s.algorithm)(b""))
    leaves = _split_leaves(bytes(s.leaves), digest_size)
    row = next(_rows(stream, record_id, record_id))
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
