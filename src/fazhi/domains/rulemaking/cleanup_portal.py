"""The portal's page of published cleanup results (/laws/cleanups/): what the disclosure gate
published, nothing else."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.disclosure.models import Publication
from fazhi.core.org.scoping import ensure_restricted

from .cleanup import PUBLICATION_KIND


def cleanup_results(request: HttpRequest) -> HttpResponse:
    pubs = (
        ensure_restricted(Publication.objects.restrict(request.user, "view"))
        .current()
        .filter(kind=PUBLICATION_KIND)
        .order_by("-published_on", "-id")
    )
    return render(request, "rulemaking/cleanup_results.html", {"publications": pubs})
