from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.core.disclosure.tasks.deliver_outbox")
def deliver_outbox() -> int:
    from .outbox import deliver_pending

    return deliver_pending()


@shared_task(name="fazhi.core.disclosure.tasks.publication_deadlines")
def publication_deadlines() -> int:
    """Publications whose statutory end of publication has passed (shown as expired)."""
    from django.utils import timezone

    from .models import Publication

    return Publication.objects.filter(publish_until__lt=timezone.localdate()).count()
