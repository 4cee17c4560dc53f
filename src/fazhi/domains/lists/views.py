"""The public pages of the lists (清单): search, filters, item pages with history, guides and
flowcharts, the list as of a date, what changed between two dates, and Excel downloads.

Every page reads versions and items through ``scoped(request, model)`` (``restrict`` then
``ensure_restricted``): published entries are public, drafts only their department's. The six
lists share one set of views, configured by a ``PortalList`` each; what is particular to a list
(the guides and flowchart of a power item, the licences citing a negative-list entry, the tiers
of a benchmark) comes from a small function per list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.intake.xlsx import write_xlsx
from fazhi.core.org.models import Region
from fazhi.core.org.scoping import scoped

from .choices import ListState, PowerKind, ProofStatus
from .flowchart import flowchart_svg, steps_are_declared
from .guides import build_guide, guide_docx, in_effect
from .models import (
    CatalogItem,
    DiscretionTier,
    FeeCleanup,
    FeeDocumentReview,
    FeeItemVersion,
    GuideMaterial,
    ItemVersion,
    NegativeListItem,
    NoPenaltyItem,
    ServiceGuide,
)
from .queries import (
    CHANGE_LABELS,
    DEFAULT_COMPLAINT_CONTACT,
    EXPORT_LIMIT,
    LISTS,
    SHOWN_APART,
    XLSX,
    PortalList,
    as_of_versions,
    change_rows,
    department_options,
    describe_condition,
    factors_for,
    field_label,
    kind_options,
    licences_citing,
    list_changes,
    page_of,
    parse_query,
    rows_for,
    show,
    spec_for,
    state_options,
    table_rows,
    version_field_names,
    visible,
    visible_items,
    visible_versions,
)


def index(request: HttpRequest) -> HttpResponse:
    cards = [
        (spec, visible_items(request, spec).filter(state=ListState.IN_FORCE).count())
        for spec in LISTS.values()
    ]
    return render(request, "lists/index.html", {"cards": cards})


def entry_list(request: HttpRequest, key: str) -> HttpResponse:
    spec = spec_for(key)
    query = parse_query(request)
    context: dict[str, Any] = {
        "spec": spec,
        "query": query,
        "departments": department_options(request, spec),
        "kinds": kind_options(spec),
        "states": state_options(request),
        "headers": [field_label(spec.version_model, c) for c in spec.columns],
        "export_url": f"{spec.url('export')}?{query.params()}",
        "today": timezone.localdate(),
    }
    if query.errors:
        context.update(page=None, rows=[])
    elif query.mode == "changes":
        changes = list_changes(visible_versions(request, spec), spec, query)
        page = page_of(request, changes)
        context.update(
            page=page,
            changes=change_rows(page.object_list, spec),
            counts={k: sum(1 for c in changes if c.kind == k) for k in CHANGE_LABELS},
            rows=[],
        )
    else:
        page = page_of(request, rows_for(request, spec, query))
        context.update(page=page, rows=table_rows(spec, page.object_list))
        if spec.model is NegativeListItem:
            found = licences_citing(request, [v.item_id for v in page.object_list])
            context["entries"] = [(v, found.get(v.item_id, [])) for v in page.object_list]
    context["page_params"] = query.params()
    template = "lists/negative_list.html" if spec.model is NegativeListItem else "lists/list.html"
    return render(request, template, context)


def entry_export(request: HttpRequest, key: str) -> HttpResponse:
    """The filtered list (current, as of a date, or the changes between two) as .xlsx."""
    spec = spec_for(key)
    query = parse_query(request)
    if query.errors:
        return HttpResponse("；".join(query.errors), status=400, content_type="text/plain")
    model = spec.version_model
    if query.mode == "changes":
        headers = ["变化", "编码", "名称", "动作", "理由", "变化字段", "原内容", "新内容"]
        data: list[list[Any]] = []
        for row in change_rows(list_changes(visible_versions(request, spec), spec, query), spec):
            v = row["version"]
            fields = row["fields"] or [("", "", "")]
            for label, before, after in fields:
                data.append(
                    [row["label"], v.item.code, v.name, row["action"], row["reason"], label]
                )
                data[-1] += [before, after]
        suffix = f"{query.start:%Y%m%d}-{query.end:%Y%m%d}"
    else:
        names = version_field_names(spec)
        headers = ["编码", "事项编码（省库）", *(field_label(model, n) for n in names)]
        headers += ["状态", "动作", "生效日期", "失效日期"]
        data = [
            [
                v.item.code,
                v.item.catalog_code,
                *(show(v, n) for n in names),
                v.get_state_display(),
                v.get_action_display(),
                v.valid_from,
                v.valid_to,
            ]
            for v in rows_for(request, spec, query)[:EXPORT_LIMIT]
        ]
        suffix = f"{(query.on or timezone.localdate()):%Y%m%d}"
    content = write_xlsx(spec.title, headers, data)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = _attachment(f"{spec.title}-{suffix}.xlsx", f"{key}-{suffix}")
    return response


def _attachment(name: str, ascii_name: str) -> str:
    ext = name.rsplit(".", 1)[-1]
    return f"attachment; filename=\"{ascii_name}.{ext}\"; filename*=UTF-8''{quote(name)}"


def _item_or_404(request: HttpRequest, spec: PortalList, code: str) -> CatalogItem:
    item = visible_items(request, spec).filter(code=code).select_related("department").first()
    if item is None:
        raise Http404("没有这个事项，或者它尚未公布")
    return item


def shown_version(
    request: HttpRequest, spec: PortalList, item: CatalogItem, on: date | None
) -> ItemVersion | None:
    versions = visible_versions(request, spec).filter(item=item)
    if on is not None:
        versions = as_of_versions(versions, spec, on)
    else:
        versions = in_effect(versions, timezone.localdate())
    return versions.select_related(*spec.select_related).first()


def _power_extras(request: HttpRequest, item: Any, version: Any) -> dict[str, Any]:
    today = timezone.localdate()
    extras: dict[str, Any] = {
        "guides": visible(request, ServiceGuide).filter(power_item=item).order_by("code"),
    }
    if version is not None:
        extras["flowchart"] = flowchart_svg(version)
        extras["steps_declared"] = steps_are_declared(version)
        extras["negative_entry"] = (
            visible(request, NegativeListItem).filter(pk=version.negative_entry_id).first()
        )
        extras["needs_review"] = request.user.is_authenticated and version.needs_access_review()
    # Entries of other lists about this item: its benchmark, no-penalty entry and proofs.
    related = {
        "benchmarks": "discretionbenchmark",
        "no_penalty": "nopenaltyitem",
        "proofs": "proofrequirement",
    }
    for name, key in related.items():
        versions = in_effect(visible_versions(request, LISTS[key]), today)
        extras[name] = versions.filter(power_item=item).select_related("item").order_by("item")
    return extras


def _negative_extras(request: HttpRequest, item: Any, version: Any) -> dict[str, Any]:
    return {"licences": licences_citing(request, [item.pk]).get(item.pk, [])}


def _benchmark_extras(request: HttpRequest, item: Any, version: Any) -> dict[str, Any]:
    if version is None:
        return {}
    factors = factors_for(request)
    tiers = visible(request, DiscretionTier).filter(version=version).order_by("order")
    return {
        "tiers": [(t, [describe_condition(c, factors) for c in t.conditions or []]) for t in tiers]
    }


EXTRAS: dict[str, Callable[[HttpRequest, Any, Any], dict[str, Any]]] = {
    "poweritem": _power_extras,
    "negativelistitem": _negative_extras,
    "discretionbenchmark": _benchmark_extras,
}


def entry_detail(request: HttpRequest, key: str, code: str) -> HttpResponse:
    spec = spec_for(key)
    query = parse_query(request)
    item = _item_or_404(request, spec, code)
    version = shown_version(request, spec, item, query.on)
    history = (
        visible_versions(request, spec)
        .filter(item=item)
        .select_related("department", "transferred_from__department")
        .order_by("valid_from", "id")
    )
    factors = factors_for(request) if spec.model is NoPenaltyItem else None
    fields = (
        [
            (field_label(spec.version_model, n), show(version, n, factors))
            for n in version_field_names(spec)
            if n not in SHOWN_APART
        ]
        if version is not None
        else []
    )
    extras = EXTRAS.get(key, lambda *a: {})(request, item, version)
    context = {
        "spec": spec,
        "item": item,
        "version": version,
        "fields": fields,
        "history": history,
        "query": query,
        "today": timezone.localdate(),
        **extras,
    }
    return render(request, "lists/detail.html", context)


def power_flowchart(request: HttpRequest, code: str) -> HttpResponse:
    """The 职权运行流程图 of an item as an SVG file (the version in effect, or ?version=id)."""
    spec = LISTS["poweritem"]
    item = _item_or_404(request, spec, code)
    version_id = request.GET.get("version", "")
    if version_id.isdigit():
        version = visible_versions(request, spec).filter(item=item, pk=int(version_id)).first()
    else:
        version = shown_version(request, spec, item, parse_query(request).on)
    if version is None:
        raise Http404("没有这个版本")
    response = HttpResponse(flowchart_svg(version), content_type="image/svg+xml; charset=utf-8")
    # A draft's chart is for its department only: never kept by a shared cache.
    published = version.state in (ListState.IN_FORCE, ListState.CANCELLED)
    response["Cache-Control"] = "public, max-age=300" if published else "private, no-store"
    return response


@login_required
def power_review(request: HttpRequest) -> HttpResponse:
    """Licensing items restricting market access that cite neither the negative list nor a law.

    The city may not add market-access approvals outside the national list; such items are
    flagged for review. Staff only: it is a work list, not a publication.
    """
    spec = LISTS["poweritem"]
    candidates = (
        in_effect(visible_versions(request, spec), timezone.localdate())
        .filter(kind=PowerKind.LICENSING, restricts_market_access=True, negative_entry__isnull=True)
        .exclude(state=ListState.CANCELLED)
        .select_related("item", "department")
        .order_by("item__code")
    )
    flagged = [v for v in candidates if v.needs_access_review()]
    return render(request, "lists/review.html", {"spec": spec, "flagged": flagged})


def _guide_or_404(request: HttpRequest, code: str) -> ServiceGuide:
    guide = (
        visible(request, ServiceGuide)
        .filter(code=code)
        .select_related("power_item__department")
        .first()
    )
    if guide is None:
        raise Http404("没有这个办事指南")
    return guide


def _guide_view(request: HttpRequest, guide: ServiceGuide) -> Any:
    return build_guide(
        guide,
        versions=visible_versions(request, LISTS["poweritem"]),
        materials=visible(request, GuideMaterial),
        fee_versions=visible(request, FeeItemVersion),
        on=parse_query(request).on,
    )


def guide_detail(request: HttpRequest, code: str) -> HttpResponse:
    guide = _guide_or_404(request, code)
    view = _guide_view(request, guide)
    return render(
        request,
        "lists/guide.html",
        {"view": view, "guide": guide, "spec": LISTS["poweritem"], "sections": view.sections()},
    )


def guide_download(request: HttpRequest, code: str) -> HttpResponse:
    guide = _guide_or_404(request, code)
    view = _guide_view(request, guide)
    content = guide_docx(view)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = _attachment(f"{view.title}办事指南.docx", guide.code)
    return response


# ---------------------------------------------------------------------------------------------
# 减证便民告知卡


def complaint_contact() -> str:
    return getattr(settings, "FAZHI_PROOF_COMPLAINT_CONTACT", "") or DEFAULT_COMPLAINT_CONTACT


def proofs_no_longer_issued(request: HttpRequest, region: Region) -> models.QuerySet:
    """Cancelled proofs a village or community office used to issue, from the departments of
    the region's own government and every government above it."""
    path = region.government.path
    parts = [p for p in path.strip("/").split("/") if p]
    governments = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    spec = LISTS["proofrequirement"]
    versions = in_effect(visible_versions(request, spec), timezone.localdate())
    return (
        versions.filter(community_issued=True, department__parent__path__in=governments)
        .filter(Q(status=ProofStatus.CANCELLED) | Q(state=ListState.CANCELLED))
        .exclude(state=ListState.DRAFT)
        .select_related("item", "department", "power_item")
        .order_by("department__path", "item__code")
    )


def proof_cards(request: HttpRequest) -> HttpResponse:
    """Pick a village or community to see its 减证便民告知卡."""
    term = request.GET.get("q", "").strip()[:50]
    regions = scoped(request.user, Region, "view").filter(kind__in=["village", "community"])
    if term:
        regions = regions.filter(name__icontains=term)
    page = page_of(request, regions.select_related("government").order_by("code", "name"))
    return render(request, "lists/cards.html", {"page": page, "q": term})


def proof_card(request: HttpRequest, region: int) -> HttpResponse:
    regions = scoped(request.user, Region, "view")
    place = regions.filter(pk=region).select_related("government").first()
    if place is None:
        raise Http404("没有这个村（社区）")
    return render(
        request,
        "lists/card.html",
        {
            "region": place,
            "proofs": proofs_no_longer_issued(request, place),
            "contact": complaint_contact(),
            "today": timezone.localdate(),
        },
    )


def fee_cleanups(request: HttpRequest) -> HttpResponse:
    """Published results of fee-document cleanups (保留、修改、废止 with reasons)."""
    cleanups = visible(request, FeeCleanup).select_related("department", "publication")
    reviews = visible(request, FeeDocumentReview).filter(cleanup__in=cleanups).order_by("id")
    by_cleanup: dict[int, list[FeeDocumentReview]] = {}
    for r in reviews:
        by_cleanup.setdefault(r.cleanup_id, []).append(r)
    rows = [(c, by_cleanup.get(c.pk, [])) for c in cleanups.order_by("-concluded_on")]
    return render(request, "lists/cleanups.html", {"rows": rows, "spec": LISTS["feeitem"]})
