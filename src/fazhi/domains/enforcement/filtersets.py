from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import EnforcementCase


class EnforcementCaseFilterSet(ScopedFilterSet):
    class Meta:
        model = EnforcementCase
        fields = ["procedure", "major", "grave_harm"]
