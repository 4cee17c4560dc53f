"""The credit app's back-office list screens (list, Excel export, search, filters)."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from . import filtersets
from .models import CreditRecord, RepairRequest

register(
    Resource(
        "credit-records",
        CreditRecord,
        "信用记录",
        [
            "entity__uscc",
            "entity__name",
            "source_kind",
            "severity",
            "department",
            "recognised_on",
            "earliest_repair",
            "publish_until",
            "state",
        ],
        search_fields=["entity__uscc", "entity__name"],
        filterset=filtersets.CreditRecordFilterSet,
        select_related=["entity", "department"],
        ordering=["-recognised_on", "-pk"],
    )
)
register(
    Resource(
        "credit-repairs",
        RepairRequest,
        "信用修复申请",
        ["case__number", "case__title", "applicant_name", "submitted_on", "commitment_signed"],
        search_fields=["case__number", "applicant_name"],
        filterset=filtersets.RepairRequestFilterSet,
        select_related=["case"],
        ordering=["-submitted_on", "-pk"],
    )
)
