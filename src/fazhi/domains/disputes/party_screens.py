"""Back-office lists (with Excel export) of the reconsideration hearings and the 阅卷 log."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet
from fazhi.shell.office.resources import Resource, register

from .models import FileAccess, Hearing


class HearingFilterSet(ScopedFilterSet):
    class Meta:
        model = Hearing
        fields = ["state", "ground"]


class FileAccessFilterSet(ScopedFilterSet):
    class Meta:
        model = FileAccess
        fields = ["mode"]


register(
    Resource(
        "reconsideration-hearings",
        Hearing,
        "行政复议听证",
        ["case__number", "case__title", "ground", "hearing_on", "place", "state", "held_on"],
        search_fields=["case__number", "case__title", "place"],
        filterset=HearingFilterSet,
        select_related=["case"],
        ordering=["-hearing_on", "-pk"],
    )
)
register(
    Resource(
        "reconsideration-file-access",
        FileAccess,
        "阅卷记录",
        ["case__number", "case__title", "at", "reader", "mode", "staff"],
        search_fields=["case__number", "reader"],
        filterset=FileAccessFilterSet,
        select_related=["case", "staff"],
        ordering=["-at", "-pk"],
    )
)
