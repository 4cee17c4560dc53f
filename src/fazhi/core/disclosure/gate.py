"""The disclosure gate: the one function through which everything public passes.

It builds the public record from structured fields, never by redacting a finished document:
the caller names the public fields, text is masked (STATUTES.md §masking), addresses are cut
to county level, and a decision whose party is a minor is refused outright.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
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


class _Masker:
    """Walks a structured value: every string and every number is masked as text, at any depth.

    A number stays a number unless masking changes it (an ID or a phone number stored as an
    integer is published as the marker, not as the number). Address fields are cut to county
    level wherever a key of that name appears.
    """

    def __init__(self, known: list[str], party: list[str], address_fields: set[str]) -> None:
        self.known, self.party, self.address_fields = known, party, address_fields
        self.findings = 0

    def text(self, value: str, *, address: bool = False) -> str:
        if address:
            value = cut_address(value)
        result = mask_text(value, known_names=self.known, party_names=self.party)
        self.findings += len(result.findings)
        return result.text

    def value(self, value: Any, *, key: str = "") -> Any:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            return self.text(value, address=key in self.address_fields)
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, int | float | Decimal):
            masked = self.text(str(value))
            if masked != str(value):
                return masked
            return str(value) if isinstance(value, Decimal) else value
        if isinstance(value, Mapping):
            return {self.text(str(k)): self.value(v, key=str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple | set | frozenset):
            return [self.value(v, key=key) for v in value]
        # Anything else (a model instance, a file…) is not a public field.
        raise DisclosureRefused(f"字段“{key}”的值不是可公开的结构化数据：{type(value).__name__}")


def build_public_record(
    fields: Mapping[str, Any],
    *,
    address_fields: Iterable[str] = (),
    known_names: Iterable[str] = (),
    party_names: Iterable[str] = (),
) -> PublicRecord:
    """Mask every text and number at any depth; cut addresses; refuse anything unstructured."""
    masker = _Masker(list(known_names), list(party_names), set(address_fields))
    out = {str(name): masker.value(value, key=str(name)) for name, value in fields.items()}
    return PublicRecord(out, masker.findings)


_HEX = re.compile(r"[0-9a-f]{32,128}")


def _checked_digests(values: Mapping[str, Any]) -> dict[str, Any]:
    def check(value: Any, key: str) -> Any:
        if isinstance(value, list | tuple):
            return [check(v, key) for v in value]
        if isinstance(value, str) and (value == "" or _HEX.fullmatch(value)):
            return value
        raise DisclosureRefused(f"“{key}”不是十六进制摘要，不能不经遮蔽公开")

    return {str(k): check(v, str(k)) for k, v in values.items()}


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
    published_on: date | None = None,
    digests: Mapping[str, Any] | None = None,
) -> Publication:
    """Publish through the gate. ``published_on`` is the business date the public record
    carries (default today; a historical publication keeps its own), apart from
    ``published_at``, the time the row is written, which sealing uses.

    ``digests`` are hash values (lowercase hex, 32–128 digits, alone or in lists) published
    as they are, under the payload key ``digests``: masking must not touch them (a run of
    digits inside a SHA-256 looks like a phone number), and being hex they carry no personal
    data, which the gate checks."""
    if party_is_minor or _case_has_minor_party(case):
        # 法释〔2016〕19号 第四条 as the reference practice: decisions on minors are not published.
        raise DisclosureRefused("当事人为未成年人，决定不予公开")
    case_parties, case_others = _case_persons(case)
    party_names = [*party_names, *case_parties]
    known_names = [*known_names, *case_others]
    record = build_public_record(
        fields, address_fields=address_fields, known_names=known_names, party_names=party_names
    )
    if digests:
        record.fields["digests"] = _checked_digests(digests)
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
            published_on=published_on or today,
            statutory_deadline=statutory_deadline,
            on_time=None
            if statutory_deadline is None
            else (published_on or today) <= statutory_deadline,
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
                    "published_on": (published_on or today).isoformat(),
                },
            )
    return pub


def _case_persons(case: Any) -> tuple[list[str], list[str]]:
    """The natural persons of the case: the parties' names (kept) and everyone else's —
    witnesses, victims, agents — masked wherever they appear, whether or not the caller
    remembered to name them (STATUTES.md §masking)."""
    if case is None:
        return [], []
    parties: list[str] = []
    others: list[str] = []
    for p in case.parties.filter(person__isnull=False).select_related("person"):
        (parties if p.role in ("party", "applicant") else others).append(p.person.name)
    return parties, others


def _case_has_minor_party(case: Any) -> bool:
    """The gate checks the case's parties itself rather than trusting every caller to."""
    if case is None:
        return False
    on = timezone.localdate()
    return any(
        p.person is not None and p.person.is_minor(on)
        for p in case.parties.filter(role__in=["party", "applicant"]).select_related("person")
    )


@transaction.atomic
def withdraw(
    publication: Publication, *, reason: str, actor: Any = None, on: date | None = None
) -> Withdrawal:
    """Withdraw a publication here and at every outside system that received it. ``on`` is the
    business date of the withdrawal (default today; a historical one keeps its own)."""
    if not reason.strip():
        raise ValueError("撤回须说明理由")
    withdrawal = Withdrawal.objects.create(
        publication=publication,
        reason=reason,
        actor=actor,
        withdrawn_on=on or timezone.localdate(),
    )
    targets = set(publication.messages.values_list("target", flat=True))
    # Messages not yet delivered are cancelled by the outbox; delivered ones get a withdrawal.
    for target in sorted(targets):
        OutboxMessage.objects.create(
            target=target,
            publication=publication,
            payload={
                "action": "withdraw",
                "title": publication.title,
                "reason": reason,
                "sha256": publication.sha256,
                "withdrawn_at": withdrawal.at.isoformat(),
                "withdrawn_on": withdrawal.public_date.isoformat(),
            },
        )
    return withdrawal


def preview(text: str, *, known_names: Iterable[str] = (), party_names: Iterable[str] = ()) -> str:
    """Exactly what the gate would publish for this text (``fazhi disclosure preview``)."""
    return mask_text(text, known_names=list(known_names), party_names=list(party_names)).text
