"""Read-only API of the reconsideration's hearings, committee opinions, incidental reviews,
respondent material and file access log — scoped like every other request path."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fazhi.core.org.filtersets import ScopedFilterSet
from fazhi.shell.api.base import ScopedReadOnlyViewSet

from . import models


def _viewset(model: Any, fields: list[str]) -> type[ScopedReadOnlyViewSet]:
    meta = type("Meta", (), {"model": model, "fields": ["id", "case", *fields]})
    serializer = type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})
    filterset = type(
        f"{model.__name__}FilterSet",
        (ScopedFilterSet,),
        {"Meta": type("Meta", (), {"model": model, "fields": ["case"]})},
    )
    return type(
        f"{model.__name__}ViewSet",
        (ScopedReadOnlyViewSet,),
        {
            "queryset": model.objects.order_by("-id"),
            "serializer_class": serializer,
            "filterset_class": filterset,
        },
    )


ROUTES = [
    (
        "reconsideration-hearings",
        _viewset(
            models.Hearing,
            [
                "ground",
                "hearing_on",
                "place",
                "notice_served_on",
                "host",
                "members",
                "recorder",
                "state",
                "held_on",
                "respondent_head_attended",
            ],
        ),
        "reconsiderationhearing",
    ),
    (
        "reconsideration-committee-opinions",
        _viewset(models.CommitteeOpinion, ["referral", "member", "opinion", "given_on"]),
        "committeeopinion",
    ),
    (
        "reconsideration-incidental-reviews",
        _viewset(
            models.IncidentalReview,
            [
                "document_title",
                "document_number",
                "level",
                "maker",
                "requested_on",
                "competent",
                "routed_to",
                "state",
                "transferred_on",
                "answered_on",
                "conclusion",
            ],
        ),
        "incidentalreview",
    ),
    (
        "reconsideration-respondent-material",
        _viewset(models.RespondentSubmission, ["document", "kind", "submitted_on", "due", "late"]),
        "respondentsubmission",
    ),
    (
        "reconsideration-file-access",
        _viewset(models.FileAccess, ["request", "at", "mode", "reader", "staff", "documents"]),
        "fileaccess",
    ),
]
