"""The SMS adapter: one small class with ``send(phone, text)``.

``FAZHI_SMS_BACKEND`` (a dotted path) chooses it. The default ``FileSmsBackend`` writes each
message as one JSON line to ``FAZHI_SMS_DIR`` (``var/sms/`` by default), so development and the
embedded setup need no gateway; a real gateway is a subclass set by that setting.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(RuntimeError):
    """The message could not be handed to the gateway."""


class SmsBackend:
    """Subclass and implement ``send``; raise ``SmsError`` when the gateway refuses."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class FileSmsBackend(SmsBackend):
    """Development adapter: one JSON line per message in ``<FAZHI_SMS_DIR>/<date>.jsonl``.

    The lines hold live codes, so the folder and files are readable by the owner only.
    """

    def send(self, phone: str, text: str) -> None:
        now = timezone.localtime()
        folder = Path(settings.FAZHI_SMS_DIR)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        line = json.dumps(
            {"phone": phone, "text": text, "time": now.isoformat()}, ensure_ascii=False
        )
        path = folder / f"{now:%Y-%m-%d}.jsonl"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        except OSError as exc:
            raise SmsError(f"短信文件写入失败：{exc}") from exc


def get_backend() -> SmsBackend:
    backend = import_string(settings.FAZHI_SMS_BACKEND)()
    if not isinstance(backend, SmsBackend):
        raise TypeError(f"FAZHI_SMS_BACKEND 必须是 SmsBackend 的子类：{settings.FAZHI_SMS_BACKEND}")
    return backend
