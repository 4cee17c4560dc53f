"""Celery application: Redis in production, a local filesystem broker in the embedded default."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import beat_embedded_init, beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

app = Celery("fazhi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule() -> dict[str, dict[str, object]]:
    """The periodic jobs every app registered (fazhi.registry.job) from its ready()."""
    import django

    django.setup()
    from fazhi import registry

    return {
        job.name: {"task": job.task, "schedule": job.every}
        for job in sorted(registry.REGISTRY.jobs.values(), key=lambda j: j.name)
    }


@beat_init.connect
@beat_embedded_init.connect
def _load_schedule(sender: object = None, **kwargs: object) -> None:
    app.conf.beat_schedule = {**app.conf.beat_schedule, **beat_schedule()}
