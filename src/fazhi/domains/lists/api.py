"""The lists through the API: the same entries, filters, as-of and changes views as the portal.

Each list is an item endpoint (``/api/power-items/`` …) whose rows carry the version in effect
(or in force on ``?on=``); ``/{id}/history/`` gives every version, ``/changes/?from=&to=`` what
changed between two dates, and ``/api/negative-list/search/?q=`` answers "what does the list say
about this activity, and what licence is needed?". All of it through ``restrict``: published
entries are public, drafts only their department's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.org.scoping import scoped
from fazhi.shell.api.base import ScopedReadOnlyViewSet

from . import models as m
from . import services
from .choices import FactorKind, ListState
from .discretion import (
    FactsNeeded,
    Mitigation,
    NoBenchmark,
    NoPenaltyFinding,
    NotAPenaltyItem,
    TierFinding,
    UnknownFactor,
    declared_factors,
    parse_facts,
    tier_for,
)
from .filtersets import (
    CATALOG_FILTERSETS,
    DiscretionFactorFilterSet,
    FeeCleanupFilterSet,
    ServiceGuideFilterSet,
)
from .guides import build_guide, in_effect
from .queries import (
    CHANGE_LABELS,
    LISTS,
    ListQuery,
    PortalList,
    as_of_versions,
    field_label,
    filter_versions,
    licences_citing,
    list_changes,
    parse_query,
    show,
)
from .statutory import HARM_LABELS, STATUTORY_FACTORS, StatutoryFactor


def _restricted(request: Any, model: type[models.Model]) -> models.QuerySet:
    return scoped(request.user, model, "view")


# ---------------------------------------------------------------------------------------------
# Serializers


class TierSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.DiscretionTier
        fields = [
            "id",
            "order",
            "label",
            "conditions",
            "fine_min",
            "fine_max",
            "measures",
            "article",
        ]


VERSION_BASE = [
    "id",
    "item",
    "action",
    "reason",
    "valid_from",
    "valid_to",
    "recorded_at",
    "state",
    "department",
    "transferred_from",
]


def _version_serializer(model: type[m.CatalogItem]) -> type[serializers.ModelSerializer]:
    """A version serializer per list: the shared fields, then the list's own content fields.

    ``recorded_by`` (a staff account) is left out: the public sees when, not who.
    """
    version = model.version_model
    attrs: dict[str, Any] = {
        "Meta": type(
            "Meta",
            (),
            {"model": version, "fields": [*VERSION_BASE, *services.version_fields(model)]},
        ),
        "department_name": serializers.CharField(source="department.name", read_only=True),
    }
    attrs["Meta"].fields.append("department_name")
    if model is m.DiscretionBenchmark:
        attrs["tiers"] = serializers.SerializerMethodField()
        attrs["get_tiers"] = extend_schema_field(TierSerializer(many=True))(
            lambda self, obj: (
                TierSerializer(
                    _restricted(self.context["request"], m.DiscretionTier)
                    .filter(version=obj)
                    .order_by("order"),
                    many=True,
                ).data
            )
        )
        attrs["Meta"].fields.append("tiers")
    return type(f"{version.__name__}Serializer", (serializers.ModelSerializer,), attrs)


VERSION_SERIALIZERS = {spec.model: _version_serializer(spec.model) for spec in LISTS.values()}
# The item-level columns each list indexes besides the shared ones.
ITEM_EXTRA = {
    m.PowerItem: ["kind"],
    m.ProofRequirement: ["status"],
    m.FeeItem: ["enterprise_related"],
    m.NegativeListItem: ["kind"],
}


def _item_serializer(model: type[m.CatalogItem]) -> type[serializers.ModelSerializer]:
    version_serializer = VERSION_SERIALIZERS[model]

    def get_version(self: Any, obj: Any) -> Any:
        shown = getattr(obj, "shown_versions", None)
        if not shown:
            return None
        return version_serializer(shown[0], context=self.context).data

    fields = ["id", "code", "catalog_code", "name", "department", "state"]
    fields += ITEM_EXTRA.get(model, [])
    attrs = {
        "Meta": type("Meta", (), {"model": model, "fields": [*fields, "version"]}),
        "version": serializers.SerializerMethodField(),
        "get_version": extend_schema_field(version_serializer(allow_null=True))(get_version),
    }
    return type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), attrs)


class ChangedFieldSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field: DRF moves it off the class
    before = serializers.CharField()
    after = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    change = serializers.ChoiceField(choices=list(CHANGE_LABELS.items()))
    change_label = serializers.CharField()
    action = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    valid_from = serializers.DateField()
    fields = ChangedFieldSerializer(many=True)  # type: ignore[assignment]  # a declared field: DRF moves it off the class


class LicenceSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    code = serializers.CharField(source="item.code")
    name = serializers.CharField()
    department = serializers.CharField(source="department.name")


# The version serializers are built per list at import time; mypy cannot use one as a base.
class NegativeSearchSerializer(VERSION_SERIALIZERS[m.NegativeListItem]):  # type: ignore[misc, valid-type]  # built at import time
    licences = LicenceSerializer(many=True, read_only=True)

    class Meta(VERSION_SERIALIZERS[m.NegativeListItem].Meta):  # type: ignore[misc]  # as above
        fields = [*VERSION_SERIALIZERS[m.NegativeListItem].Meta.fields, "licences"]


class MaterialSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    name = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field: DRF moves it off the class
    required = serializers.BooleanField()  # type: ignore[assignment]  # a declared field: DRF moves it off the class
    copies = serializers.IntegerField()
    proof = serializers.CharField(allow_blank=True)
    cut_on = serializers.DateField(allow_null=True)


class StepSerializer(serializers.Serializer):
    name = serializers.CharField()
    actor = serializers.CharField(allow_blank=True)
    limit = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    optional = serializers.BooleanField()


class ResolvedGuideSerializer(serializers.Serializer):
    """What the guide shows, read from its item's version in effect (single source)."""

    title = serializers.CharField()
    department = serializers.CharField()
    legal_basis = serializers.CharField(allow_blank=True)
    statutory_limit = serializers.IntegerField(allow_null=True)
    promised_limit = serializers.IntegerField(allow_null=True)
    steps = StepSerializer(many=True)
    materials = MaterialSerializer(many=True)
    cut_materials = MaterialSerializer(many=True)
    fees = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    remedies = serializers.ListField(child=serializers.CharField())
    notice = serializers.CharField(allow_blank=True)


class ServiceGuideSerializer(serializers.ModelSerializer):
    resolved = serializers.SerializerMethodField()

    class Meta:
        model = m.ServiceGuide
        fields = [
            "id",
            "code",
            "power_item",
            "sub_item",
            "conditions",
            "where",
            "online",
            "trips",
            "promised_limit",
            "fee_note",
            "updated_at",
            "resolved",
        ]

    @extend_schema_field(ResolvedGuideSerializer)
    def get_resolved(self, obj: m.ServiceGuide) -> dict[str, Any]:
        request = self.context["request"]
        view = build_guide(
            obj,
            versions=_restricted(request, m.PowerItemVersion),
            materials=_restricted(request, m.GuideMaterial),
            fee_versions=_restricted(request, m.FeeItemVersion),
        )
        data = {
            "title": view.title,
            "department": str(view.department),
            "legal_basis": view.legal_basis,
            "statutory_limit": view.statutory_limit,
            "promised_limit": view.promised_limit,
            "steps": [s.__dict__ for s in view.steps],
            "materials": [r.__dict__ for r in view.materials],
            "cut_materials": [r.__dict__ for r in view.cut_materials],
            "fees": [list(f) for f in view.fees],
            "remedies": view.remedies(),
            "notice": view.notice,
        }
        return ResolvedGuideSerializer(data).data


class DiscretionFactorSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.DiscretionFactor
        fields = ["id", "code", "label", "kind", "choices", "unit"]


class FeeDocumentReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.FeeDocumentReview
        fields = ["id", "title", "number", "issuer", "outcome", "reason"]


class FeeCleanupSerializer(serializers.ModelSerializer):
    reviews = serializers.SerializerMethodField()

    class Meta:
        model = m.FeeCleanup
        fields = ["id", "title", "department", "concluded_on", "publication", "reviews"]

    @extend_schema_field(FeeDocumentReviewSerializer(many=True))
    def get_reviews(self, obj: m.FeeCleanup) -> Any:
        reviews = _restricted(self.context["request"], m.FeeDocumentReview).filter(cleanup=obj)
        return FeeDocumentReviewSerializer(reviews.order_by("id"), many=True).data


# ---------------------------------------------------------------------------------------------
# View sets

DATE = OpenApiTypes.DATE
LIST_PARAMETERS = [
    OpenApiParameter("q", str, description="名称、编码或关键词（中文子串）"),
    OpenApiParameter("department", str, description="实施部门的机构代码"),
    OpenApiParameter("kind", str, description="类别（事项类型、证明状态、负面清单类别等）"),
    OpenApiParameter("state", str, enum=["draft", "in_force", "cancelled"], description="状态"),
    OpenApiParameter("on", DATE, description="只列当日有效的事项，并给出当日的版本"),
]
CHANGE_PARAMETERS = [
    OpenApiParameter("from", DATE, required=True, description="起始日期"),
    OpenApiParameter("to", DATE, required=True, description="截止日期"),
    *LIST_PARAMETERS[:3],
]


def _query(request: Request) -> ListQuery:
    query = parse_query(request._request)
    if query.errors:
        raise ValidationError({"detail": query.errors})
    return query


class CatalogViewSet(ScopedReadOnlyViewSet):
    """Entries of one list, each with the version in effect (or in force on ``?on=``)."""

    permission_classes = [permissions.AllowAny]
    spec: ClassVar[PortalList]

    def shown_versions(self, query: ListQuery) -> models.QuerySet:
        versions = _restricted(self.request, self.spec.version_model)
        if query.on:
            return as_of_versions(versions, self.spec, query.on)
        return in_effect(versions, timezone.localdate())

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("department").order_by("code")

    def filter_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        # The list's filter set (``filterset_class``) filters, through the versions for the
        # search and the as-of date; each entry then carries the version it shows.
        qs = super().filter_queryset(queryset)
        filterset = getattr(self, "filterset", None)
        shown = filterset.shown if filterset is not None else self.shown_versions(ListQuery())
        prefetch = Prefetch(
            "versions", queryset=shown.select_related("department"), to_attr="shown_versions"
        )
        return qs.prefetch_related(prefetch)

    def _history(self, request: Request) -> Response:
        item = self.get_object()
        versions = (
            _restricted(request, self.spec.version_model)
            .filter(item=item)
            .select_related("department")
            .order_by("valid_from", "id")
        )
        serializer = VERSION_SERIALIZERS[self.spec.model]
        return Response(serializer(versions, many=True, context={"request": request}).data)

    @extend_schema(parameters=CHANGE_PARAMETERS, responses=ChangeSerializer(many=True))
    @action(detail=False, methods=["get"])
    def changes(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """What changed between ``from`` and ``to``: added, removed and changed entries."""
        query = _query(request)
        if query.mode != "changes":
            raise ValidationError({"detail": ["请同时提供 from 和 to 两个日期"]})
        changes = list_changes(_restricted(request, self.spec.version_model), self.spec, query)
        # The pager slices any sequence; the stubs ask for a queryset.
        page: list[services.Change] | None = self.paginate_queryset(changes)  # type: ignore[arg-type]  # a list pages too
        model = self.spec.version_model
        rows = [
            {
                "item": c.item_id,
                "code": c.shown.item.code,
                "name": c.shown.name,
                "change": c.kind,
                "change_label": CHANGE_LABELS[c.kind],
                "action": c.after.action if c.after else "",
                "reason": c.after.reason if c.after else "",
                "valid_from": c.shown.valid_from,
                "fields": [
                    {
                        "field": n,
                        "label": field_label(model, n),
                        "before": show(c.before, n),
                        "after": show(c.after, n),
                    }
                    for n in c.fields
                ],
            }
            for c in (page if page is not None else changes)
        ]
        data = ChangeSerializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


def _catalog_viewset(key: str) -> type[CatalogViewSet]:
    spec = LISTS[key]

    # Declared per list so the schema names each list's own version serializer.
    @extend_schema(responses=VERSION_SERIALIZERS[spec.model](many=True))
    @action(detail=True, methods=["get"])
    def history(self: CatalogViewSet, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Every version of the entry: action, reason, valid_from/valid_to, recorded date."""
        return self._history(request)

    cls = type(
        f"{spec.model.__name__}ViewSet",
        (CatalogViewSet,),
        {
            "spec": spec,
            "history": history,
            "queryset": spec.model.objects.all(),
            "filterset_class": CATALOG_FILTERSETS[spec.model],
            "serializer_class": _item_serializer(spec.model),
            "__doc__": f"{spec.title}：{spec.intro}",
        },
    )
    return cls


_PowerBase = _catalog_viewset("poweritem")


class CircumstanceSerializer(serializers.Serializer):
    basis = serializers.CharField()
    text = serializers.CharField()


class MitigationSerializer(serializers.Serializer):
    """第三十二条: 从轻 keeps the fine within [fine_min, fine_max], toward fine_min; 减轻 goes
    below ``reduced_below``. Which of the two is the agency's choice."""

    applies = serializers.CharField()
    basis = serializers.CharField()
    circumstances = CircumstanceSerializer(many=True)
    lighter_min = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    lighter_max = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    reduced_below = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class PenaltySerializer(serializers.Serializer):
    """The penalty should the agency penalise: a benchmark tier, or none published."""

    finding = serializers.ChoiceField(choices=["tier", "none"])
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]  # a declared field: DRF moves it off the class
    fine_min = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    fine_max = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    article = serializers.CharField(allow_blank=True)
    measures = serializers.CharField(allow_blank=True)
    entry = serializers.CharField(allow_blank=True)
    mitigation = MitigationSerializer(allow_null=True)


class DiscretionAnswerSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=["no_penalty", "tier", "facts_needed", "none"])
    missing = serializers.ListField(child=serializers.CharField())
    fallback = PenaltySerializer(allow_null=True)
    fallback_missing = serializers.ListField(child=serializers.CharField())
    penalise = serializers.BooleanField(allow_null=True)
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]  # a declared field: DRF moves it off the class
    fine_min = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    fine_max = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    article = serializers.CharField(allow_blank=True)
    mandatory = serializers.BooleanField(allow_null=True)
    measures = serializers.CharField(allow_blank=True)
    proviso = serializers.CharField(allow_blank=True)
    entry = serializers.CharField(allow_blank=True)
    mitigation = MitigationSerializer(allow_null=True)
    facts = serializers.DictField()


# Parameters of the discretion endpoint that are not facts.
DISCRETION_PARAMETERS = frozenset({"on", "format"})


def _statutory_parameter(factor: StatutoryFactor) -> OpenApiParameter:
    description = f"{factor.label}（{factor.basis}）"
    if factor.kind == FactorKind.CHOICE:
        labels = "、".join(f"{c}={HARM_LABELS.get(c, c)}" for c in factor.choices)
        return OpenApiParameter(
            factor.code, str, enum=list(factor.choices), description=f"{description}：{labels}"
        )
    return OpenApiParameter(factor.code, bool, description=f"{description}；true/false 或 是/否")


def _mitigation(mitigation: Mitigation | None, penalty: TierFinding | None) -> Any:
    if mitigation is None:
        return None
    low, high = penalty.lighter if penalty else (None, None)
    return {
        "applies": mitigation.applies,
        "basis": mitigation.basis,
        "circumstances": [{"basis": c.basis, "text": c.text} for c in mitigation.circumstances],
        "lighter_min": low,
        "lighter_max": high,
        "reduced_below": penalty.reduced_below if penalty else None,
    }


def _penalty(found: TierFinding | NoBenchmark) -> dict[str, Any]:
    if isinstance(found, NoBenchmark):
        return {
            "finding": "none",
            "label": "",
            "fine_min": None,
            "fine_max": None,
            "article": "",
            "measures": "",
            "entry": "",
            "mitigation": _mitigation(found.mitigation, None),
        }
    return {
        "finding": "tier",
        "label": found.tier.label,
        "fine_min": found.fine_min,
        "fine_max": found.fine_max,
        "article": found.article,
        "measures": found.tier.measures,
        "entry": found.benchmark.item.code,
        "mitigation": _mitigation(found.mitigation, found),
    }


class PowerItemViewSet(_PowerBase):  # type: ignore[misc, valid-type]
    @extend_schema(
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="违法行为发生或决定之日"),
            *(_statutory_parameter(f) for f in STATUTORY_FACTORS),
            OpenApiParameter(
                "<factor>",
                OpenApiTypes.STR,
                description="其他裁量情节，每个一个参数（见 /api/discretion-factors/ 的 code）："
                "是/否类填 true/false，数值类填不小于零的有限数值，选项类填其选项",
            ),
        ],
        responses=DiscretionAnswerSerializer,
    )
    @action(detail=True, methods=["get"])
    def discretion(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """行政处罚法 第三十二条至第三十四条: whether the violation is penalised, and how.

        The statute applies to every penalty item; while a lighter outcome depends on a fact
        not given, the answer is ``facts_needed`` with the factors in ``missing``.
        """
        item = self.get_object()
        raw_on = request.query_params.get("on", "")
        try:
            on = date.fromisoformat(raw_on) if raw_on else timezone.localdate()
        except ValueError as exc:
            raise ValidationError({"on": "日期格式应为 YYYY-MM-DD"}) from exc
        params = request.query_params
        for code in params:
            if len(params.getlist(code)) > 1:
                raise ValidationError({code: "每个裁量情节只能给出一个值"})
        given = {k: params.get(k, "") for k in params if k not in DISCRETION_PARAMETERS}
        try:
            facts = parse_facts(given, declared_factors())
            found = tier_for(item, facts, on=on)
        except (UnknownFactor, NotAPenaltyItem) as exc:
            raise ValidationError({"facts": str(exc)}) from exc
        answer: dict[str, Any] = {
            "finding": "none",
            "penalise": None,
            "label": "",
            "fine_min": None,
            "fine_max": None,
            "article": "",
            "mandatory": None,
            "measures": "",
            "proviso": "",
            "entry": "",
            "missing": [],
            "fallback": None,
            "fallback_missing": [],
            "mitigation": None,
            "facts": {k: str(v) if isinstance(v, Decimal) else v for k, v in facts.items()},
        }
        if isinstance(found, FactsNeeded):
            answer.update(finding="facts_needed", missing=list(found.factors))
        elif isinstance(found, NoPenaltyFinding):
            answer.update(
                finding="no_penalty",
                penalise=False,
                label="不予处罚" if found.mandatory else "可以不予处罚",
                article=found.basis,
                mandatory=found.mandatory,
                measures=found.measures,
                proviso=found.proviso,
                entry=found.entry.item.code if found.entry else "",
                fallback=_penalty(found.fallback) if found.fallback else None,
                fallback_missing=list(found.fallback_needs),
            )
        else:
            answer.update(_penalty(found), penalise=True)
        return Response(DiscretionAnswerSerializer(answer).data)


ProofRequirementViewSet = _catalog_viewset("proofrequirement")
FeeItemViewSet = _catalog_viewset("feeitem")
DiscretionBenchmarkViewSet = _catalog_viewset("discretionbenchmark")
NoPenaltyItemViewSet = _catalog_viewset("nopenaltyitem")
_NegativeBase = _catalog_viewset("negativelistitem")


class NegativeListItemViewSet(_NegativeBase):  # type: ignore[misc, valid-type]
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", str, required=True, description="经营活动的名称、关键词或国民经济行业代码"
            )
        ],
        responses=NegativeSearchSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def search(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """What the list says about an activity, and which local licences cite each entry."""
        query = _query(request)
        if not query.q:
            raise ValidationError({"q": ["请提供 q：经营活动的名称、关键词或行业代码"]})
        # Entries in force only: a cancelled or draft entry says nothing about today's market.
        versions = filter_versions(self.shown_versions(query), self.spec, query)
        versions = versions.filter(state=ListState.IN_FORCE)
        page = self.paginate_queryset(
            versions.select_related("item", "department").order_by("item__code")
        )
        rows = list(page if page is not None else versions)
        found = licences_citing(request, [v.item_id for v in rows])
        for v in rows:
            v.licences = found.get(v.item_id, [])
        data = NegativeSearchSerializer(rows, many=True, context={"request": request}).data
        return self.get_paginated_response(data) if page is not None else Response(data)


class ServiceGuideViewSet(ScopedReadOnlyViewSet):
    """办事指南, each resolved from its power item's version in effect (single source)."""

    queryset = m.ServiceGuide.objects.all()
    serializer_class = ServiceGuideSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = ServiceGuideFilterSet

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("power_item__department").order_by("code")


class DiscretionFactorViewSet(ScopedReadOnlyViewSet):
    """裁量情节: the declared circumstances benchmarks and no-penalty entries are written in."""

    queryset = m.DiscretionFactor.objects.all()
    serializer_class = DiscretionFactorSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = DiscretionFactorFilterSet


class FeeCleanupViewSet(ScopedReadOnlyViewSet):
    """价费文件清理: each reviewed document's outcome, public once the result is published."""

    queryset = m.FeeCleanup.objects.all()
    serializer_class = FeeCleanupSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = FeeCleanupFilterSet
