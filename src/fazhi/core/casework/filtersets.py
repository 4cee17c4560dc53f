"""The casework screens' and endpoints' filters (see ``fazhi.core.org.filtersets``)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core.org.filtersets import ScopedFilterSet, StrictBooleanFilter

from .models import Case, Deadline, Document, Event


class CaseFilterSet(ScopedFilterSet):
    # Handled here and collected (归集) cases count together; this narrows to one or the other.
    collected = StrictBooleanFilter(label="归集案件", method="filter_collected")

    def filter_collected(self, queryset: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        return queryset.exclude(source_system="") if value else queryset.filter(source_system="")

    class Meta:
        model = Case
        fields = ["kind", "state", "source_system"]


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
