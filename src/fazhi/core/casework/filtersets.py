"""The casework screens' and endpoints' filters (see ``fazhi.core.org.filtersets``)."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import Case, Deadline, Document, Event


class CaseFilterSet(ScopedFilterSet):
    class Meta:
        model = Case
        fields = ["kind", "state"]


class DeadlineFilterSet(ScopedFilterSet):
    class Meta:
        model = Deadline
        fields = ["status", "org_unit", "provisional"]


class EventFilterSet(ScopedFilterSet):
    class Meta:
        model = Event
        fields = ["kind"]


class DocumentFilterSet(ScopedFilterSet):
    class Meta:
        model = Document
        fields = ["kind", "owner_unit"]
