from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.domains.rulemaking.drafting_tasks.apply_effective_dates")
def apply_effective_dates() -> int:
    """Daily: published rules and normative documents whose effective date has come are put in
    force (the system step ``take_effect``)."""
    from django.utils import timezone

    from .drafting import apply_effective_dates as apply

    return apply(timezone.localdate())
