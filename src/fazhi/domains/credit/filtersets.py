"""Filter sets of the credit app (back-office lists and their exports)."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import CreditRecord, RepairRequest


class CreditRecordFilterSet(ScopedFilterSet):
    class Meta:
        model = CreditRecord
        fields = ["source_kind", "severity", "state"]


class RepairRequestFilterSet(ScopedFilterSet):
    class Meta:
        model = RepairRequest
        fields = ["commitment_signed"]
