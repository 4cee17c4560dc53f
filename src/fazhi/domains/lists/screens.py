"""The lists' back-office screens (/office/r/<slug>/): one declaration per model.

Each list gets a screen for its entries and one for their versions (the history, searchable by
reason); the guides, materials, tiers, factors, cleanups and complaints get their own. Entries
change only through the list mechanism (``lists.services``) and the imports, never here.
"""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from . import filtersets as fs
from . import models as m

# slug, item model, extra item columns (the filters are the list's filter set, shared with the API)
CATALOGS: list[tuple[str, type[m.CatalogItem], list[str]]] = [
    ("power-items", m.PowerItem, ["kind"]),
    ("proofs", m.ProofRequirement, ["status"]),
    ("fees", m.FeeItem, ["enterprise_related"]),
    ("negative-list", m.NegativeListItem, ["kind"]),
    ("discretion-benchmarks", m.DiscretionBenchmark, []),
    ("no-penalty-items", m.NoPenaltyItem, []),
]

for slug, model, columns in CATALOGS:
    register(
        Resource(
            slug,
            model,
            str(model._meta.verbose_name_plural),
            ["code", "name", *columns, "department", "state"],
            search_fields=["code", "catalog_code", "name"],
            filterset=fs.CATALOG_FILTERSETS[model],
            select_related=["department"],
            ordering=["code"],
        )
    )
    version = model.version_model
    register(
        Resource(
            f"{slug}-versions",
            version,
            f"{model._meta.verbose_name}版本",
            ["item__code", "name", "action", "reason", "valid_from", "valid_to", "state"],
            search_fields=["item__code", "name", "reason"],
            filterset=fs.VERSION_FILTERSETS[model],
            select_related=["item", "department"],
            ordering=["item__code", "valid_from", "id"],
        )
    )

register(
    Resource(
        "service-guides",
        m.ServiceGuide,
        "办事指南",
        ["code", "sub_item", "power_item__code", "online", "trips", "promised_limit"],
        search_fields=["code", "sub_item", "power_item__name"],
        filterset=fs.ServiceGuideFilterSet,
        select_related=["power_item"],
        ordering=["code"],
    )
)
register(
    Resource(
        "guide-materials",
        m.GuideMaterial,
        "申请材料",
        ["guide__code", "order", "name", "source", "required", "copies", "cut_on"],
        search_fields=["guide__code", "name"],
        filterset=fs.GuideMaterialFilterSet,
        select_related=["guide"],
        ordering=["guide__code", "order", "id"],
    )
)
register(
    Resource(
        "discretion-factors",
        m.DiscretionFactor,
        "裁量情节",
        ["code", "label", "kind", "unit"],
        search_fields=["code", "label"],
        filterset=fs.DiscretionFactorFilterSet,
        ordering=["code"],
    )
)
register(
    Resource(
        "discretion-tiers",
        m.DiscretionTier,
        "裁量阶次",
        ["version__item__code", "order", "label", "fine_min", "fine_max", "article"],
        search_fields=["version__item__code", "label", "article"],
        filterset=fs.DiscretionTierFilterSet,
        select_related=["version__item"],
        ordering=["version__item__code", "version_id", "order"],
    )
)
register(
    Resource(
        "fee-cleanups",
        m.FeeCleanup,
        "价费文件清理",
        ["title", "department", "concluded_on", "publication"],
        search_fields=["title"],
        filterset=fs.FeeCleanupFilterSet,
        select_related=["department", "publication"],
        ordering=["-concluded_on", "pk"],
    )
)
register(
    Resource(
        "fee-document-reviews",
        m.FeeDocumentReview,
        "价费文件清理结果",
        ["cleanup__title", "title", "number", "issuer", "outcome", "reason"],
        search_fields=["title", "number"],
        filterset=fs.FeeDocumentReviewFilterSet,
        select_related=["cleanup"],
        ordering=["cleanup_id", "pk"],
    )
)
register(
    Resource(
        "proof-complaints",
        m.ProofComplaint,
        "减证便民投诉",
        ["case__number", "proof__name", "demanded_by", "region", "case__state"],
        search_fields=["case__number", "demanded_by"],
        filterset=fs.ProofComplaintFilterSet,
        select_related=["case", "proof", "region"],
        ordering=["-pk"],
    )
)
