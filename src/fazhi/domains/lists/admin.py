"""The lists in the admin: reference data (the declared discretion factors) is edited here;
list entries are read-only, because they change only through the list mechanism (a version
with an action, a reason and dates) and the imports, never by editing a row."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from fazhi.core.org.admin_base import ReadOnlyAdmin, ScopedModelAdmin
from fazhi.core.org.scoping import scoped

from . import models as m


@admin.register(m.DiscretionFactor)
class DiscretionFactorAdmin(ScopedModelAdmin):
    list_display = ["code", "label", "kind", "unit"]
    search_fields = ["code", "label"]
    list_filter = ["kind"]
    fields = ["code", "label", "kind", "choices", "unit"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        # An inline is one more request path: it shows only the rows the user may see (an
        # item published by amending a draft keeps its draft version private).
        return scoped(request.user, self.model, "view")


_VERSION_COLUMNS = ("action", "reason", "valid_from", "valid_to", "state", "department", "name")


class VersionInline(ReadOnlyInline):
    fields = _VERSION_COLUMNS
    readonly_fields = _VERSION_COLUMNS


class CatalogItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "department", "state"]
    search_fields = ["code", "catalog_code", "name"]
    list_filter = ["state"]
    list_select_related = ["department"]


def _catalog(model: type[m.CatalogItem], extra: list[str]) -> None:
    inline = type(
        f"{model.__name__}VersionInline", (VersionInline,), {"model": model.version_model}
    )
    admin_class = type(
        f"{model.__name__}Admin",
        (CatalogItemAdmin,),
        {
            "list_display": ["code", "name", *extra, "department", "state"],
            "list_filter": [*extra, "state"],
            "inlines": [inline],
        },
    )
    admin.site.register(model, admin_class)


_catalog(m.PowerItem, ["kind"])
_catalog(m.ProofRequirement, ["status"])
_catalog(m.FeeItem, ["enterprise_related"])
_catalog(m.NegativeListItem, ["kind"])
_catalog(m.DiscretionBenchmark, [])
_catalog(m.NoPenaltyItem, [])


_MATERIAL_COLUMNS = ("order", "name", "source", "required", "copies", "cut_on")


class MaterialInline(ReadOnlyInline):
    model = m.GuideMaterial
    fields = _MATERIAL_COLUMNS
    readonly_fields = _MATERIAL_COLUMNS


@admin.register(m.ServiceGuide)
class ServiceGuideAdmin(ReadOnlyAdmin):
    list_display = ["code", "sub_item", "power_item", "online", "trips"]
    search_fields = ["code", "sub_item"]
    list_select_related = ["power_item"]
    inlines = [MaterialInline]


@admin.register(m.DiscretionTier)
class DiscretionTierAdmin(ReadOnlyAdmin):
    list_display = ["version", "order", "label", "fine_min", "fine_max", "article"]


@admin.register(m.FeeCleanup)
class FeeCleanupAdmin(ReadOnlyAdmin):
    list_display = ["title", "department", "concluded_on", "publication"]


@admin.register(m.FeeDocumentReview)
class FeeDocumentReviewAdmin(ReadOnlyAdmin):
    list_display = ["cleanup", "title", "number", "outcome"]
    list_filter = ["outcome"]


@admin.register(m.ProofComplaint)
class ProofComplaintAdmin(ReadOnlyAdmin):
    list_display = ["case", "proof", "demanded_by", "region"]
