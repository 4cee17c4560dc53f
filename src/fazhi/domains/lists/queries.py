"""Queries and display helpers behind the list pages (``views.py``): which versions a user
may see, search and filters, the list as of a date, what changed, and how values read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.org import display
from fazhi.core.org.display import field_label, model_field
from fazhi.core.org.models import Department
from fazhi.core.org.scoping import scoped

from . import services
from .choices import ListState, PowerKind
from .flowchart import parse_steps
from .guides import in_effect
from .models import (
    CatalogItem,
    DiscretionBenchmark,
    DiscretionFactor,
    FeeItem,
    ItemVersion,
    NegativeListItem,
    NoPenaltyItem,
    PowerItem,
    ProofRequirement,
)
from .statutory import STATUTORY_BY_CODE, StatutoryFactor

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Where to complain about a cancelled proof still being demanded. A setting, never a number
# written here: each city publishes its own contact.
DEFAULT_COMPLAINT_CONTACT = "鄂州市司法局，或拨打 12345 政务服务便民热线"
CHANGE_LABELS = {"added": "新增", "removed": "移出清单", "changed": "变更"}
OPERATOR_LABELS = {
    "=": "为",
    "!=": "不为",
    "<": "小于",
    "<=": "不超过",
    ">": "超过",
    ">=": "不少于",
    "in": "属于",
}


@dataclass(frozen=True)
class PortalList:
    key: str  # the model name: URL names are lists:<key>_<action>
    path: str
    model: type[CatalogItem]
    intro: str
    # The version field offered as the 类别 filter (a choices or boolean field), if any.
    kind_field: str | None = None
    kind_label: str = "类别"
    columns: Sequence[str] = ("department",)
    search_fields: Sequence[str] = ("name",)
    select_related: Sequence[str] = ("department",)

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def version_model(self) -> type[ItemVersion]:
        return self.model.version_model

    def url(self, action: str, *args: Any) -> str:
        return reverse(f"lists:{self.key}_{action}", args=args)

    @property
    def list_name(self) -> str:
        return f"lists:{self.key}_list"

    @property
    def detail_name(self) -> str:
        return f"lists:{self.key}_detail"


LISTS: dict[str, PortalList] = {
    spec.key: spec
    for spec in (
        PortalList(
            "poweritem",
            "power",
            PowerItem,
            "各部门依法行使的行政权力事项、责任事项和追责依据，附办事指南和职权运行流程图。",
            kind_field="kind",
            kind_label="事项类型",
            columns=("kind", "department"),
        ),
        PortalList(
            "proofrequirement",
            "proofs",
            ProofRequirement,
            "办理事项时可以要求申请人提供的证明；已取消的证明不得再要求提供。",
            kind_field="status",
            kind_label="证明状态",
            columns=("status", "replacement", "issuer", "department"),
            search_fields=("name", "issuer"),
        ),
        PortalList(
            "feeitem",
            "fees",
            FeeItem,
            "实行政府定价的行政事业性收费和经营服务性收费；清单之外一律不得收费。",
            kind_field="enterprise_related",
            kind_label="涉企收费",
            columns=("standard", "unit", "enterprise_related", "department"),
        ),
        PortalList(
            "negativelistitem",
            "negative",
            NegativeListItem,
            "全国统一的市场准入负面清单在本地的适用。清单以外的行业、领域、业务等，"
            "各类市场主体皆可依法平等进入。",
            kind_field="kind",
            columns=("number", "kind", "administering"),
            search_fields=("name", "measure", "industry_codes", "number"),
        ),
        PortalList(
            "discretionbenchmark",
            "benchmarks",
            DiscretionBenchmark,
            "行政处罚裁量基准：按违法情节分档的处罚幅度（行政处罚法 第三十四条）。",
            columns=("power_item", "department"),
            search_fields=("name", "violation"),
            select_related=("department", "power_item"),
        ),
        PortalList(
            "nopenaltyitem",
            "no-penalty",
            NoPenaltyItem,
            "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚；初次违法且危害后果轻微"
            "并及时改正的，可以不予行政处罚（行政处罚法 第三十三条第一款）。",
            columns=("power_item", "mandatory", "department"),
            search_fields=("name", "violation"),
            select_related=("department", "power_item"),
        ),
    )
}


def spec_for(key: str) -> PortalList:
    try:
        return LISTS[key]
    except KeyError as exc:
        raise Http404 from exc


# ---------------------------------------------------------------------------------------------
# Query parameters


@dataclass
class ListQuery:
    """What the visitor asked for: search, filters and the date view (current, as of, between)."""

    q: str = ""
    department: str = ""
    kind: str = ""
    state: str = ListState.IN_FORCE
    on: date | None = None
    start: date | None = None
    end: date | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def mode(self) -> str:
        if self.start and self.end:
            return "changes"
        return "as_of" if self.on else "current"

    def params(self, **override: Any) -> str:
        values = {
            "q": self.q,
            "department": self.department,
            "kind": self.kind,
            "state": self.state if self.state != ListState.IN_FORCE else "",
            "on": self.on.isoformat() if self.on else "",
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
            **override,
        }
        return urlencode({k: v for k, v in values.items() if v})


def _date(raw: str, label: str, errors: list[str]) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(f"{label}格式应为 YYYY-MM-DD，例如 2018-12-31")
        return None


def parse_query(request: HttpRequest) -> ListQuery:
    get = request.GET
    errors: list[str] = []
    query = ListQuery(
        q=get.get("q", "").strip()[:100],
        department=get.get("department", "").strip(),
        kind=get.get("kind", "").strip(),
        state=get.get("state", "").strip() or ListState.IN_FORCE,
        on=_date(get.get("on", ""), "查询日期", errors),
        start=_date(get.get("from", ""), "起始日期", errors),
        end=_date(get.get("to", ""), "截止日期", errors),
        errors=errors,
    )
    if bool(query.start) != bool(query.end) and not errors:
        errors.append("比较变化须同时填写起始日期和截止日期")
    if query.start and query.end and query.start > query.end:
        query.start, query.end = query.end, query.start
    return query


# ---------------------------------------------------------------------------------------------
# Queries: every one starts from a restricted queryset


def visible_versions(request: HttpRequest, spec: PortalList) -> models.QuerySet:
    return scoped(request.user, spec.version_model, "view")


def visible_items(request: HttpRequest, spec: PortalList) -> models.QuerySet:
    return scoped(request.user, spec.model, "view")


def visible(request: HttpRequest, model: type[models.Model]) -> models.QuerySet:
    return scoped(request.user, model, "view")


def _kind_value(spec: PortalList, raw: str) -> Any:
    if spec.kind_field is None:
        return None
    f = model_field(spec.version_model, spec.kind_field)
    if isinstance(f, models.BooleanField):
        return {"true": True, "false": False}.get(raw)
    return raw if raw in dict(f.choices or []) else None


def search_q(spec: PortalList, term: str) -> Q:
    """A Chinese substring anywhere in the searched fields, or the code (ours or the province's)."""
    q = Q(item__code__icontains=term) | Q(item__catalog_code=term)
    for name in spec.search_fields:
        q |= Q(**{f"{name}__icontains": term})
    return q


def filter_versions(versions: models.QuerySet, spec: PortalList, query: ListQuery) -> Any:
    if query.q:
        versions = versions.filter(search_q(spec, query.q))
    if query.department:
        versions = versions.filter(department__code=query.department)
    kind = _kind_value(spec, query.kind)
    if kind is not None:
        versions = versions.filter(**{str(spec.kind_field): kind})
    return versions


def current_versions(versions: models.QuerySet, query: ListQuery) -> models.QuerySet:
    """The list today: each item's version in effect, narrowed to the chosen state."""
    versions = in_effect(versions, timezone.localdate())
    if query.state in ListState.values:
        versions = versions.filter(state=query.state)
    return versions


def as_of_versions(versions: models.QuerySet, spec: PortalList, on: date) -> models.QuerySet:
    """The list as it stood on ``on`` (by effective date, as known today)."""
    return versions.filter(pk__in=services.as_of(spec.model, on).values("pk"))


def _matches(version: ItemVersion | None, spec: PortalList, query: ListQuery) -> bool:
    if version is None:
        return False
    if query.q:  # the same test as ``search_q``, in Python
        item = version.item
        texts = [item.code, *(str(getattr(version, n) or "") for n in spec.search_fields)]
        found = any(query.q.lower() in t.lower() for t in texts)
        if not found and query.q != item.catalog_code:
            return False
    if query.department and version.department.code != query.department:
        return False
    kind = _kind_value(spec, query.kind)
    return kind is None or getattr(version, spec.kind_field or "") == kind


def list_changes(
    versions: models.QuerySet, spec: PortalList, query: ListQuery
) -> list[services.Change]:
    """What changed between the two dates, among entries matching the filters on either date."""
    assert query.start and query.end
    base = versions.select_related("item", *spec.select_related)
    changes = services.diff(spec.model, query.start, query.end, versions=base)
    return [c for c in changes if _matches(c.before, spec, query) or _matches(c.after, spec, query)]


def rows_for(request: HttpRequest, spec: PortalList, query: ListQuery) -> models.QuerySet:
    """The versions the page shows in the current or as-of view, filtered and ordered."""
    versions = filter_versions(visible_versions(request, spec), spec, query)
    if query.mode == "as_of":
        versions = as_of_versions(versions, spec, query.on)  # type: ignore[arg-type]
    else:
        versions = current_versions(versions, query)
    return versions.select_related("item", *spec.select_related).order_by("item__code")


def department_options(request: HttpRequest, spec: PortalList) -> models.QuerySet:
    """Departments that hold an entry the visitor may see."""
    holders = visible_versions(request, spec).values("department")
    departments = scoped(request.user, Department, "view")
    return departments.filter(pk__in=holders).order_by("path")


def kind_options(spec: PortalList) -> list[tuple[str, str]]:
    if spec.kind_field is None:
        return []
    f = model_field(spec.version_model, spec.kind_field)
    if isinstance(f, models.BooleanField):
        return [("true", "是"), ("false", "否")]
    return [(str(v), str(label)) for v, label in f.choices or []]


def state_options(request: HttpRequest) -> list[tuple[str, str]]:
    options = [(ListState.IN_FORCE.value, "有效"), (ListState.CANCELLED.value, "已取消")]
    if request.user.is_authenticated:
        # Drafts exist only for their department's staff; offering the filter to the public
        # would only ever show an empty page.
        options.append((ListState.DRAFT.value, "草稿"))
    return [*options, ("all", "全部")]


# ---------------------------------------------------------------------------------------------
# Display


def describe_condition(
    condition: Any, factors: Mapping[str, DiscretionFactor | StatutoryFactor]
) -> str:
    """A declared condition in Chinese: 违法所得 不超过 5000 元."""
    if not isinstance(condition, dict):
        return str(condition)
    factor = factors.get(str(condition.get("factor", "")))
    label = factor.label if factor else str(condition.get("factor", ""))
    value = condition.get("value")
    if isinstance(value, bool):
        return f"{label}：{'是' if value else '否'}"
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    unit = factor.unit if factor else ""
    op = OPERATOR_LABELS.get(str(condition.get("op", "=")), str(condition.get("op", "")))
    return f"{label} {op} {value}{unit}"


def show(
    obj: models.Model | None,
    name: str,
    factors: Mapping[str, DiscretionFactor | StatutoryFactor] | None = None,
) -> str:
    """A field of a version as the public reads it ("—" where there is no version)."""
    if obj is None:
        return "—"
    f = model_field(type(obj), name)
    if getattr(f, "choices", None):
        return str(getattr(obj, f"get_{name}_display")()) or "—"
    if f.is_relation:
        related = getattr(obj, name)
        return str(related.name if hasattr(related, "name") else related) if related else "—"
    value = getattr(obj, name)
    if name == "steps":
        steps = parse_steps(value)
        return " → ".join(s.name for s in steps) if steps else "（未声明，按事项类型的标准流程）"
    if name == "conditions":
        return "；".join(describe_condition(c, factors or {}) for c in value or []) or "—"
    shown = display.show(value)  # 是/否, ISO dates
    return "—" if shown == "" else str(shown)


def version_field_names(spec: PortalList) -> list[str]:
    return ["department", *services.version_fields(spec.model)]


# The item page shows these apart: the name as its heading, the link as a link.
SHOWN_APART = ("name", "basis_url")


@dataclass(frozen=True)
class Link:
    text: str
    url: str


def factors_for(request: HttpRequest) -> dict[str, DiscretionFactor | StatutoryFactor]:
    """The factors conditions are shown with: the statute's (行政处罚法 第三十二条、第三十三条),
    which need no row, then the declared rows (whose labels win)."""
    factors: dict[str, DiscretionFactor | StatutoryFactor] = dict(STATUTORY_BY_CODE)
    factors.update({f.code: f for f in visible(request, DiscretionFactor)})
    return factors


def table_rows(spec: PortalList, versions: Iterable[ItemVersion]) -> list[tuple[Any, list[str]]]:
    return [(v, [show(v, c) for c in spec.columns]) for v in versions]


def licences_citing(request: HttpRequest, entry_ids: Sequence[int]) -> dict[int, list[Any]]:
    """Licensing items in effect that cite each negative-list entry: what licence is needed."""
    versions = in_effect(visible_versions(request, LISTS["poweritem"]), timezone.localdate())
    found: dict[int, list[Any]] = {}
    for v in (
        versions.filter(negative_entry_id__in=entry_ids, kind=PowerKind.LICENSING)
        .exclude(state=ListState.CANCELLED)
        .select_related("item", "department")
        .order_by("item__code")
    ):
        found.setdefault(v.negative_entry_id, []).append(v)
    return found


def page_of(request: HttpRequest, items: Any) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def change_rows(changes: Iterable[services.Change], spec: PortalList) -> list[dict[str, Any]]:
    model = spec.version_model
    rows = []
    for c in changes:
        rows.append(
            {
                "kind": c.kind,
                "label": CHANGE_LABELS[c.kind],
                "version": c.shown,
                "action": c.after.get_action_display() if c.after else "",
                "reason": c.after.reason if c.after else "",
                "fields": [
                    (field_label(model, n), show(c.before, n), show(c.after, n)) for n in c.fields
                ],
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Pages
