"""Filter sets of the filing, validity and cleanup list screens (shared with any API later)."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import CleanupEntry, Filing, Validity


class FilingFilterSet(ScopedFilterSet):
    class Meta:
        model = Filing
        fields = ["recipient"]


class ValidityFilterSet(ScopedFilterSet):
    class Meta:
        model = Validity
        fields = ["years"]


class CleanupEntryFilterSet(ScopedFilterSet):
    class Meta:
        model = CleanupEntry
        fields = ["outcome"]
