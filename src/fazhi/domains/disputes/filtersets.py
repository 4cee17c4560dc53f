from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import ReconsiderationCase


class ReconsiderationCaseFilterSet(ScopedFilterSet):
    class Meta:
        model = ReconsiderationCase
        fields = ["procedure", "outcome", "procedural_end"]
