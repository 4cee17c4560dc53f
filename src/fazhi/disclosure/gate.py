"""The disclosure gate: the one function through which everything public passes.

It builds the public record from structured fields, never by redacting a finished document:
the caller names the public fields, text is masked (STATUTES.md §masking), addresses are cut
to county level, and a decision whose party is a minor is refused outright.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .masking import cut_address, mask_text
from .models import Channel, OutboxMessage, Publication, Withdrawal


class DisclosureRefused(ValueError):
    """The record must not be published at all (e.g. the party is a minor)."""


@dataclass(frozen=True)
class PublicRecord:
    fields: dict[str, Any]
    findings: int


def build_public_record(
    fields: Mapping[str, Any],
    *,
    address_fields: Iterable[str] = (),
    known_names: Iterable[str] = (),
    party_names: Iterable[str] = (),
) -> PublicRecord:
    """Mask every text value; cut addresses; keep other structured values as they are."""
    known, party = list(known_names), list(party_names)
    address_fields = set(address_fields)
    out: dict[str, Any] = {}
    findings = 0
    for name, value in fields.items():
        if isinstance(value, str):
            if name in address_fields:
                value = cut_address(value)
            result = mask_text(value, known_names=known, party_names=party)
            findings += len(result.findings)
            out[name] = result.text
        elif isinstance(value, date):
            out[name] = value.isoformat()
        elif isinstance(value, list | tuple):
            out[name] = [
                mask_text(v, known_names=known, party_names=party).text if isinstance(v, str) else v
                for v in value
            ]
        else:
            out[name] = value
    return PublicRecord(out, findings)


def _digest(payload: Mapping[str, Any]) -> str:
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def publish(
    *,
    kind: str,
    title: str,
    org_unit: Any,
    fields: Mapping[str, Any],
    channel: str = Channel.PORTAL,
    subject: models.Model | None = None,
    case: Any = None,
    address_fields: Iterable[str] = (),
    known_names: Iterable[str] = (),
    party_names: Iterable[str] = (),
    party_is_minor: bool = False,
    statutory_deadline: date | None = None,
    publish_until: date | None = None,
    actor: Any = None,
    outbox_targets: Iterable[str] = (),
) -> Publication:
    if party_is_minor:
        # 法释〔2016〕19号 第四条 as the reference practice: decisions on minors are not published.
        raise DisclosureRefused("当事人为未成年人，决定不予公开")
    record = build_public_record(
        fields, address_fields=address_fields, known_names=known_names, party_names=party_names
    )
    masked_title = mask_text(
        title, known_names=list(known_names), party_names=list(party_names)
    ).text
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        pub = Publication.objects.create(
            kind=kind,
            title=masked_title,
            org_unit=org_unit,
            case=case,
            subject=f"{subject._meta.label_lower}:{subject.pk}" if subject is not None else "",
            channel=channel,
            payload=record.fields,
            sha256=_digest(record.fields),
            published_at=now,
            statutory_deadline=statutory_deadline,
            on_time=None if statutory_deadline is None else today <= statutory_deadline,
            publish_until=publish_until,
            published_by=actor,
        )
        for target in outbox_targets:
            OutboxMessage.objects.create(
                target=target,
                publication=pub,
                payload={
                    "kind": kind,
                    "title": masked_title,
                    "fields": record.fields,
                    "org_unit": org_unit.code,
                    "published_at": now.isoformat(),
                },
            )
    return pub


def withdraw(publication: Publication, *, reason: str, actor: Any = None) -> Withdrawal:
    if not reason.strip():
        raise ValueError("撤回须说明理由")
    return Withdrawal.objects.create(publication=publication, reason=reason, actor=actor)


def preview(text: str, *, known_names: Iterable[str] = (), party_names: Iterable[str] = ()) -> str:
    """Exactly what the gate would publish for this text (``fazhi disclosure preview``)."""
    return mask_text(text, known_names=list(known_names), party_names=list(party_names)).text
