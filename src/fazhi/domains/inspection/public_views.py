"""The portal's pages of the random draw (双随机): each campaign as the disclosure gate
published it — before the draw its rules, ratios, pool digests and commitments; after the
results, the seed and its parts, the targets and teams, each stratum's size and so each
entity's chance, the re-derivation's verdict, the files to download and a pool lookup."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.disclosure.models import Publication, PublicationQuerySet
from fazhi.core.org.scoping import ensure_restricted
from fazhi.core.org.validators import validate_uscc

from . import draw, services
from .models import Campaign, PoolSnapshot, Target

FILES = {
    "manifest.txt",
    "reveals.txt",
    "public-value.txt",
    "entities.txt",
    "inspectors.txt",
    "conflicts.txt",
    "result.txt",
    "seed.txt",
}


def _current(request: HttpRequest) -> PublicationQuerySet:
    return ensure_restricted(Publication.objects.restrict(request.user, "view")).current()


def campaign_list(request: HttpRequest) -> HttpResponse:
    pubs = (
        _current(request)
        .filter(kind=services.PUBLICATION_KIND_PLAN)
        .select_related("org_unit")
        .order_by("-published_on", "-id")
    )
    return render(request, "inspection/campaign_list.html", {"publications": pubs})


def _published(request: HttpRequest, code: str) -> tuple[Publication, Publication | None]:
    pubs = _current(request).filter(
        kind__in=[services.PUBLICATION_KIND_PLAN, services.PUBLICATION_KIND_RESULT]
    )
    plan = result = None
    for pub in pubs.filter(payload__任务编号=code).order_by("id"):
        if pub.kind == services.PUBLICATION_KIND_PLAN:
            plan = pub
        else:
            result = pub
    if plan is None:
        raise Http404("没有公开的抽查任务")
    return plan, result


def _campaign(plan: Publication) -> Campaign:
    # Only reached for a campaign the gate published: the subject names the record.
    label, _, pk = plan.subject.partition(":")
    if label != "inspection.campaign":
        raise Http404("没有公开的抽查任务")
    return Campaign.objects.unrestricted("门户展示已公示的随机抽查任务").get(pk=int(pk))


def campaign_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan, result = _published(request, code)
    context: dict[str, Any] = {
        "plan": plan,
        "result": result,
        "code": code,
        "ratios": plan.payload.get("抽查比例（‰）", {}),
    }
    if result is not None:
        campaign = _campaign(plan)
        ratios = plan.payload.get("抽查比例（‰）", {})
        strata = []
        for name, (n, k) in sorted(result.payload.get("各分类户数与抽取数", {}).items()):
            strata.append(
                {"name": name, "n": n, "k": k, "ratio": ratios.get(name), "p": f"{k / n:.4%}"}
            )
        context["strata"] = strata
        context["verification"] = services.verify(campaign)
        context["files"] = sorted(services.published_files(campaign))
        context["rows"] = [
            [*target, " ".join(team)]
            for target, team in zip(
                result.payload.get("抽查对象", []), result.payload.get("检查人员", []), strict=False
            )
        ]
        uscc = request.GET.get("uscc", "").strip().upper()
        if uscc:
            context["lookup"] = _lookup(campaign, uscc, {s["name"]: s for s in strata})
            context["uscc"] = uscc
    return render(request, "inspection/campaign_detail.html", context)


def _lookup(campaign: Campaign, uscc: str, strata: dict[str, dict[str, Any]]) -> dict[str, Any]:
    try:
        validate_uscc(uscc)
    except ValidationError:
        return {"error": "统一社会信用代码格式或校验位不正确"}
    reason = "门户查询已公示的名录库"
    snapshot = PoolSnapshot.objects.unrestricted(reason).get(campaign=campaign)
    pool = draw.parse_entity_pool_file(snapshot.file("entities"))
    code = uscc.encode()
    for name, codes in pool.items():
        i = int(codes.searchsorted(code))
        if i < codes.size and codes[i] == code:
            drawn = (
                Target.objects.unrestricted(reason)
                .filter(campaign=campaign, entity__uscc=uscc)
                .exists()
            )
            return {"in_pool": True, "stratum": strata.get(name, {"name": name}), "drawn": drawn}
    return {"in_pool": False}


def campaign_file(request: HttpRequest, code: str, name: str) -> HttpResponse:
    """One file of the published draw, after the results only, checked against the digest
    the gate published."""
    plan, result = _published(request, code)
    if result is None or name not in FILES:
        raise Http404("抽取结果公示后方可下载")
    files = services.published_files(_campaign(plan))
    if name not in files:
        raise Http404("没有这个文件")
    data = files[name]
    digests = result.payload.get("digests", {})
    stem = name.removesuffix(".txt")
    if stem in ("entities", "inspectors", "conflicts", "result", "manifest") and (
        draw.sha256_hex(data) != digests.get(stem)
    ):
        raise Http404("文件与公示的摘要不符，暂停下载")
    response = HttpResponse(data, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}-{name}"'
    return response
