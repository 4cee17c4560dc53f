from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.core.integrity.tasks.seal_all")
def seal_all() -> int:
    from .sealing import seal_all as _seal_all

    return len(_seal_all())
