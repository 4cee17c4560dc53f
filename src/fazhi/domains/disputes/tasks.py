"""Scheduled jobs of the disputes app (registered from ``DisputesConfig.ready``)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.domains.disputes.tasks.remind_late_performance")
def remind_late_performance() -> int:
    from .performance import remind_late

    return remind_late()
