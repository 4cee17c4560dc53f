"""The publications' filters (see ``fazhi.core.org.filtersets``)."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import Publication


class PublicationFilterSet(ScopedFilterSet):
    class Meta:
        model = Publication
        fields = ["kind", "channel", "org_unit"]
