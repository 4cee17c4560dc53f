"""Scheduled jobs of the rulemaking app (registered from ``RulemakingConfig.ready``)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.domains.rulemaking.tasks.daily")
def daily() -> dict[str, int]:
    """Daily: normative documents past their validity become 失效; evaluations due six months
    before are announced to the issuing unit; in January each government's catalogue of the
    rules it made the year before is opened with its 31 January deadline. Filing deadlines are
    announced by the casework job like every other deadline."""
    from .jobs import run_daily

    return run_daily()
