"""Adapters to outside systems. The default writes the target's data file to an export
folder, so nothing is lost while a link is down."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus, Withdrawal


class Adapter(Protocol):
    def deliver(self, message: OutboxMessage) -> str: ...


class FileExportAdapter:
    """Writes one JSON file per message under FAZHI_EXPORT_DIR/<target>/<date>/.

    The official data standards of the targets could not be obtained here; the fields are
    the publicly documented ones, labelled as transcribed in each file.
    """

    def deliver(self, message: OutboxMessage) -> str:
        folder = Path(settings.FAZHI_EXPORT_DIR) / message.target / f"{timezone.localdate():%Y%m%d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{message.pk:08d}.json"
        body = {"format": "fazhi-transcribed-v1", "target": message.target, **message.payload}
        path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
        return str(path)


ADAPTERS: dict[str, Adapter] = {}


def adapter_for(target: str) -> Adapter:
    return ADAPTERS.get(target, FileExportAdapter())


def _superseded(msg: OutboxMessage) -> bool:
    return (
        msg.publication_id is not None
        and msg.payload.get("action") != "withdraw"
        and Withdrawal.objects.filter(publication_id=msg.publication_id).exists()
    )


def deliver_pending(limit: int = 500) -> int:
    delivered = 0
    pending = OutboxMessage.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED])
    for message in pending.order_by("id")[:limit]:
        with transaction.atomic():
            msg = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message.pk)
                .first()
            )
            if msg is None or msg.status == OutboxStatus.DELIVERED:
                continue
            if _superseded(msg):
                # Withdrawn before it was delivered: never send the record at all.
                msg.status = OutboxStatus.CANCELLED
                msg.result = "公开记录已撤回，未发送"
                msg.save(update_fields=["status", "result"])
                continue
            msg.attempts += 1
            msg.last_attempt_at = timezone.now()
            try:
                msg.result = adapter_for(msg.target).deliver(msg)
                msg.status = OutboxStatus.DELIVERED
                delivered += 1
            except Exception as exc:  # an adapter failure must not lose the message
                msg.status = OutboxStatus.FAILED
                msg.result = f"{type(exc).__name__}: {exc}"
            msg.save()
    return delivered
