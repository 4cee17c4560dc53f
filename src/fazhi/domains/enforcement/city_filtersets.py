from __future__ import annotations

import django_filters as df

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import HotlineOrder, OverloadCheck, UrbanMatter


class UrbanMatterFilterSet(ScopedFilterSet):
    year = df.NumberFilter(field_name="found_on", lookup_expr="year", label="发现年度")
    campaign = df.CharFilter(field_name="campaign", lookup_expr="exact", label="所属专项整治")

    class Meta:
        model = UrbanMatter
        fields = ["kind", "resolution", "department", "removed"]


class HotlineOrderFilterSet(ScopedFilterSet):
    year = df.NumberFilter(field_name="assigned_on", lookup_expr="year", label="派单年度")

    class Meta:
        model = HotlineOrder
        fields = ["state", "appeal_kind", "satisfaction", "department", "replied_late"]


class OverloadCheckFilterSet(ScopedFilterSet):
    station = df.CharFilter(field_name="station", lookup_expr="exact", label="检测站点")
    year = df.NumberFilter(field_name="checked_at", lookup_expr="year", label="检测年度")

    class Meta:
        model = OverloadCheck
        fields = ["overloaded", "department", "axles"]
