"""Back-office list screens (list, filters, export, search) of the city matters, the hotline
work orders and the overload checks; a matter's and an order's own page has the actions."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from . import city_filtersets as fs
from .models import HotlineOrder, OverloadCheck, UrbanMatter

register(
    Resource(
        "urban-matters",
        UrbanMatter,
        "城管事项",
        ["record_no", "kind", "place", "found_on", "department", "campaign", "resolution"],
        search_fields=["record_no", "place"],
        filterset=fs.UrbanMatterFilterSet,
        select_related=["department"],
        ordering=["-found_on", "-pk"],
        detail_url_name="enforcement_city:matter_detail",
    )
)
register(
    Resource(
        "hotline-orders",
        HotlineOrder,
        "热线工单",
        ["order_no", "subject", "department", "assigned_on", "reply_due", "state", "satisfaction"],
        search_fields=["order_no", "subject"],
        filterset=fs.HotlineOrderFilterSet,
        select_related=["department"],
        sensitive_fields=["caller_name", "caller_phone"],
        ordering=["-received_at", "-pk"],
        detail_url_name="enforcement_city:order_detail",
    )
)
register(
    Resource(
        "overload-checks",
        OverloadCheck,
        "治超检测记录",
        [
            "station",
            "record_no",
            "plate",
            "checked_at",
            "axles",
            "gross_kg",
            "limit_kg",
            "overloaded",
        ],
        search_fields=["record_no", "plate"],
        filterset=fs.OverloadCheckFilterSet,
        select_related=["department"],
        ordering=["-checked_at", "-pk"],
    )
)
