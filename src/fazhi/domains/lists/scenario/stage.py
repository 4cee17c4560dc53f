"""Loading the lists (清单) of the Ezhou 2019 scenario: the stages ``fazhi demo`` runs after the
foundation's (see ``plan`` for what they reproduce and how).

Idempotence: power items are keyed by their provincial catalog code (``catalog_code``, the key a
catalog import syncs on), guides by their code, the small lists by (department, name), the
complaints by their description, the fee cleanup by its title. Only what is missing is created;
a second run creates nothing. Codes come from the list mechanism's numbering
(``next_number(key, reserve=n)``, the same keys as ``fazhi.domains.lists.services.new_code``),
so the
items and versions can be bulk-inserted: 4,397 items and 7,475 versions, 4,421 guides with
their materials. The small lists (proofs, fees, benchmarks) go through ``services.create_item``
and ``services.record`` one by one, the complaints through ``complaints.receive`` and ``reply``.

``ListsConfig.ready()`` imports this module to register ``STAGES``; the planning (``plan``) and
its tables (``vocab``) are imported inside the stages, so starting Fazhi does not pay for them
(tens of milliseconds of dataclasses and YAML, measured with ``python -X importtime``); only
``fazhi demo`` does.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from fazhi.core.casework.numbering import next_number
from fazhi.core.org.models import OrgUnit, Region, Staff
from fazhi.domains.lists import cleanups, complaints, services
from fazhi.domains.lists.choices import ListAction, ListState, ProofStatus
from fazhi.domains.lists.models import (
    DiscretionBenchmark,
    DiscretionBenchmarkVersion,
    DiscretionFactor,
    DiscretionTier,
    FeeCleanup,
    FeeDocumentReview,
    FeeItem,
    GuideMaterial,
    NoPenaltyItem,
    PowerItem,
    PowerItemVersion,
    ProofComplaint,
    ProofRequirement,
    ServiceGuide,
)
from fazhi.shell.scenario.planning import Digest

if TYPE_CHECKING:
    from . import plan as plan_

BATCH = 2000
LIST_2018_REASON = "2018年版权责清单"
PROOF_LIST_REASON = "2018年版证明事项清单"
COMPLAINT_HANDLER = "SFJ"  # 司法局 leads 减证便民 and handles the complaints
# The complaints walk the same steps as on the case page, each by the persona in its role.
COMPLAINT_CLERK = "sfj_clerk"
COMPLAINT_HEAD = "sfj_head"


@lru_cache(maxsize=4)
def power_plan(seed: int) -> plan_.PowerPlan:
    from . import plan as plan_

    return plan_.plan_power(seed)


def _units(codes: set[str]) -> dict[str, int]:
    return dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "id"))


# -- 1. power items and their versions ----------------------------------------------------------


def load_power(builder: Any, result: Any) -> None:
    from . import vocab

    plan = power_plan(builder.seed)
    specs = plan.items
    have = set(
        PowerItem.objects.filter(catalog_code__in=[s.catalog_code for s in specs]).values_list(
            "catalog_code", flat=True
        )
    )
    todo = [s for s in specs if s.catalog_code not in have]
    result.existing = len(specs) - len(todo)
    if not todo:
        return
    units = _units({s.initial_dept for s in todo} | {s.final_dept for s in todo})
    # Codes from the mechanism's numbering, reserved per (department, letters) in one call each.
    groups: dict[tuple[str, str], list[plan_.PowerItemSpec]] = defaultdict(list)
    for s in todo:
        groups[(s.initial_dept, s.letters)].append(s)
    codes: dict[str, str] = {}
    for (department, letters), members in groups.items():
        start = next_number(f"list:{department}:{letters}", reserve=len(members))
        for n, s in enumerate(members, start):
            codes[s.catalog_code] = f"{department}-{letters}-{n:04d}"

    digest = Digest()
    items = []
    for s in todo:
        cancelled = s.change is not None and s.change.action == ListAction.CANCEL
        items.append(
            PowerItem(
                code=codes[s.catalog_code],
                catalog_code=s.catalog_code,
                name=s.name,
                department_id=units[s.final_dept],
                state=ListState.CANCELLED if cancelled else ListState.IN_FORCE,
                kind=s.kind,
            )
        )
        change = s.change
        digest.add(
            s.catalog_code,
            codes[s.catalog_code],
            s.kind,
            s.name,
            s.initial_dept,
            s.final_dept,
            change.action if change else "",
            change.valid_from if change else "",
            len(s.subitems),
        )
    PowerItem.objects.bulk_create(items, batch_size=BATCH)

    first_versions = [
        PowerItemVersion(
            item_id=item.pk,
            action=ListAction.ADD,
            reason=LIST_2018_REASON,
            valid_from=vocab.LIST_2018,
            valid_to=s.change.valid_from if s.change else None,
            state=ListState.IN_FORCE,
            department_id=units[s.initial_dept],
            **s.first_fields(),
        )
        for s, item in zip(todo, items, strict=True)
    ]
    PowerItemVersion.objects.bulk_create(first_versions, batch_size=BATCH)

    second_versions = []
    for s, item, first in zip(todo, items, first_versions, strict=True):
        if s.change is None:
            continue
        action = s.change.action
        second_versions.append(
            PowerItemVersion(
                item_id=item.pk,
                action=action,
                reason=s.change.reason,
                valid_from=s.change.valid_from,
                state=ListState.CANCELLED if action == ListAction.CANCEL else ListState.IN_FORCE,
                department_id=units[s.final_dept],
                transferred_from_id=first.pk if action == ListAction.TRANSFER else None,
                **s.second_fields(),
            )
        )
    PowerItemVersion.objects.bulk_create(second_versions, batch_size=BATCH)

    result.created = len(items)
    result.extra["versions"] = len(first_versions) + len(second_versions)
    actions = Counter(v.action for v in second_versions)
    builder.audit(
        "lists.PowerItem",
        len(items) + len(first_versions) + len(second_versions),
        digest,
        items=len(items),
        versions=len(first_versions) + len(second_versions),
        actions_2019=dict(actions),
        kinds=dict(Counter(s.kind for s in todo)),
    )


# -- 2. proofs, notify-commit pilots, complaints ---------------------------------------------------


def load_proofs(builder: Any, result: Any) -> None:
    from . import plan as plan_
    from . import vocab

    plan = power_plan(builder.seed)
    specs = plan_.plan_proofs()
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={s.dept for s in specs})}
    by_name = plan.by_name()
    items = {
        p.catalog_code: p
        for p in PowerItem.objects.filter(
            catalog_code__in=[by_name[s.item_name].catalog_code for s in specs if s.item_name]
        )
    }
    have = {
        (d, n): p
        for p, d, n in (
            (p, p.department.code, p.name)
            for p in ProofRequirement.objects.filter(
                name__in=[s.name for s in specs]
            ).select_related("department")
        )
    }
    digest = Digest()
    created = 0
    for s in specs:
        if (s.dept, s.name) in have:
            result.existing += 1
            continue
        item = items[by_name[s.item_name].catalog_code] if s.item_name else None
        proof = services.create_item(
            ProofRequirement,
            department=units[s.dept],
            valid_from=vocab.PROOF_LIST_2018,
            reason=PROOF_LIST_REASON,
            fields={
                "name": s.name,
                "status": ProofStatus.RETAINED,
                "issuer": s.issuer,
                "power_item": item,
                "community_issued": s.community,
            },
        )
        if s.status != ProofStatus.RETAINED:
            assert s.changed_on is not None
            services.record(
                proof,
                ListAction.CANCEL if s.status == ProofStatus.CANCELLED else ListAction.ADJUST,
                valid_from=s.changed_on,
                reason=s.reason,
                changes={"status": s.status, "replacement": s.replacement},
            )
        have[(s.dept, s.name)] = proof
        created += 1
        digest.add(s.dept, s.name, s.item_name, s.status, s.replacement, s.changed_on or "")
    replied = _load_complaints(builder, have, digest)
    result.created = created + replied
    result.extra["complaints"] = replied
    builder.audit(
        "lists.ProofRequirement",
        result.created,
        digest,
        proofs=created,
        complaints=replied,
        by_status=dict(Counter(s.status for s in specs if (s.dept, s.name) in have)),
    )


def _load_complaints(builder: Any, proofs: dict[tuple[str, str], Any], digest: Digest) -> int:
    from . import plan as plan_
    from . import vocab

    specs = plan_.plan_complaints(builder.seed)
    have = set(
        ProofComplaint.objects.filter(description__in=[s.description for s in specs]).values_list(
            "description", flat=True
        )
    )
    todo = [s for s in specs if s.description not in have]
    if not todo:
        return 0
    handler = OrgUnit.objects.get(code=vocab.dept(COMPLAINT_HANDLER))
    clerk = Staff.objects.get(username=COMPLAINT_CLERK)
    head = Staff.objects.get(username=COMPLAINT_HEAD)
    regions = {
        (code, name): r
        for r, code, name in (
            (r, r.government.code, r.name)
            for r in Region.objects.filter(name__in={s.community for s in todo}).select_related(
                "government"
            )
        )
    }
    for s in todo:
        complaint = complaints.receive(
            handler=handler,
            proof=proofs[s.proof],
            demanded_by=s.demanded_by,
            description=s.description,
            region=regions.get((s.township, s.community)),
            received_on=s.received_on,
            actor=clerk,
        )
        complaints.accept(complaint, actor=clerk, on=s.received_on)
        findings = f"经核查，{s.demanded_by}确有要求提供该证明的情况。"
        complaints.verify(complaint, findings, actor=clerk, on=s.replied_on)
        complaints.reply(complaint, s.reply, actor=head, on=s.replied_on)
        digest.add("complaint", *s.proof, s.community, s.received_on, s.replied_on)
    return len(todo)


# -- 3. service guides and materials ------------------------------------------------------------


def load_guides(builder: Any, result: Any) -> None:
    from . import plan as plan_

    plan = power_plan(builder.seed)
    proofs = plan_.plan_proofs()
    specs = plan_.plan_guides(builder.seed, plan, proofs)
    items = dict(
        PowerItem.objects.filter(catalog_code__in={g.catalog_code for g in specs}).values_list(
            "catalog_code", "id"
        )
    )
    item_codes = dict(
        PowerItem.objects.filter(catalog_code__in={g.catalog_code for g in specs}).values_list(
            "catalog_code", "code"
        )
    )
    coded = [(g, g.code(item_codes[g.catalog_code])) for g in specs]
    have = set(
        ServiceGuide.objects.filter(code__in=[c for _, c in coded]).values_list("code", flat=True)
    )
    todo = [(g, c) for g, c in coded if c not in have]
    result.existing = len(specs) - len(todo)
    if not todo:
        return
    proof_ids = {
        (d, n): pk
        for pk, d, n in ProofRequirement.objects.filter(
            name__in=[p.name for p in proofs]
        ).values_list("id", "department__code", "name")
    }
    digest = Digest()
    guides = []
    for g, code in todo:
        guides.append(
            ServiceGuide(
                power_item_id=items[g.catalog_code],
                code=code,
                sub_item=g.sub_item,
                conditions=g.conditions,
                where=g.where,
                online=g.online,
                trips=g.trips,
                promised_limit=g.promised_limit,
                fee_note="不收费",
            )
        )
        digest.add(code, g.sub_item, g.where, len(g.materials))
    ServiceGuide.objects.bulk_create(guides, batch_size=BATCH)
    materials = []
    for (g, _), guide in zip(todo, guides, strict=True):
        for m in g.materials:
            materials.append(
                GuideMaterial(
                    guide_id=guide.pk,
                    order=m.order,
                    name=m.name,
                    source=m.source,
                    required=m.required,
                    copies=m.copies,
                    proof_id=proof_ids.get(m.proof) if m.proof else None,
                    cut_on=m.cut_on,
                )
            )
            digest.add(guide.code, m.order, m.name, m.source, m.cut_on or "")
    GuideMaterial.objects.bulk_create(materials, batch_size=BATCH)
    result.created = len(guides)
    result.extra["materials"] = len(materials)
    builder.audit(
        "lists.ServiceGuide",
        len(guides) + len(materials),
        digest,
        guides=len(guides),
        materials=len(materials),
        materials_cut=sum(1 for m in materials if m.cut_on),
        by_source=dict(Counter(m.source for m in materials)),
    )


# -- 4. fee lists and the fee-document cleanup -----------------------------------------------------


def load_fees(builder: Any, result: Any) -> None:
    from . import plan as plan_
    from . import vocab

    specs = plan_.plan_fees()
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={s.dept for s in specs})}
    have = set(
        FeeItem.objects.filter(name__in=[s.name for s in specs]).values_list(
            "department__code", "name"
        )
    )
    digest = Digest()
    created = 0
    for s in specs:
        if (s.dept, s.name) in have:
            result.existing += 1
            continue
        services.create_item(
            FeeItem,
            department=units[s.dept],
            valid_from=vocab.FEE_LIST_ON,
            reason="编制完善《鄂州市实行政府定价的收费标准清单》",
            fields={
                "name": s.name,
                "standard": s.standard,
                "unit": s.unit,
                "enterprise_related": s.enterprise,
                "pricing_document": s.pricing_document,
                "legal_basis": s.pricing_document,
            },
        )
        created += 1
        digest.add(s.dept, s.name, s.standard, s.enterprise)

    reviews = 0
    cleanup = FeeCleanup.objects.filter(title=plan_.FEE_CLEANUP_TITLE).first()
    if cleanup is None:
        cleanup = FeeCleanup.objects.create(
            title=plan_.FEE_CLEANUP_TITLE,
            department=OrgUnit.objects.get(code=vocab.dept("FGW")),
            concluded_on=vocab.FEE_CLEANUP_ON,
        )
        docs = plan_.plan_fee_documents(builder.seed)
        FeeDocumentReview.objects.bulk_create(
            [
                FeeDocumentReview(
                    cleanup=cleanup,
                    title=d.title,
                    number=d.number,
                    issuer=d.issuer,
                    outcome=d.outcome,
                    reason=d.reason,
                )
                for d in docs
            ]
        )
        reviews = len(docs)
        for d in docs:
            digest.add("review", d.number, d.title, d.outcome)
    if cleanup.publication_id is None:
        cleanups.publish_result(cleanup)
        digest.add("published", cleanup.title)
    result.created = created + reviews
    builder.audit(
        "lists.FeeItem",
        result.created,
        digest,
        fee_items=created,
        enterprise_related=sum(1 for s in specs if s.enterprise),
        fee_documents=reviews,
    )


# -- 5. discretion benchmarks and the no-penalty list ---------------------------------------------


def load_discretion(builder: Any, result: Any) -> None:
    from . import plan as plan_
    from . import vocab

    plan = power_plan(builder.seed)
    by_name = plan.by_name()
    digest = Digest()
    created = 0
    for code, label, kind, choices, unit in plan_.FACTORS:
        _, new = DiscretionFactor.objects.get_or_create(
            code=code, defaults={"label": label, "kind": kind, "choices": choices, "unit": unit}
        )
        if new:
            created += 1
            digest.add("factor", code, label, kind)
    department = OrgUnit.objects.get(code=plan_.DISCRETION_DEPT)
    benchmarks, entries = plan_.BENCHMARKS, plan_.plan_no_penalty()
    names = [b.item_name for b in benchmarks] + [e.item_name for e in entries]
    items = {
        p.catalog_code: p
        for p in PowerItem.objects.filter(
            catalog_code__in=[by_name[name].catalog_code for name in names]
        )
    }
    have_bench = set(
        DiscretionBenchmark.objects.filter(department=department).values_list("name", flat=True)
    )
    for b in benchmarks:
        if b.name in have_bench:
            result.existing += 1
            continue
        item = items[by_name[b.item_name].catalog_code]
        bench = services.create_item(
            DiscretionBenchmark,
            department=department,
            valid_from=vocab.BENCHMARK_FROM,
            reason="制定市场监管行政处罚自由裁量基准",
            fields={
                "name": b.name,
                "power_item": item,
                "violation": b.violation,
                "penalty_basis": b.penalty_basis,
                "legal_basis": item.current_version().legal_basis,
            },
        )
        version = bench.current_version()
        if not isinstance(version, DiscretionBenchmarkVersion):
            raise RuntimeError(f"裁量基准“{bench.code}”没有现行版本")
        DiscretionTier.objects.bulk_create(
            [
                DiscretionTier(
                    version=version,
                    order=n,
                    label=t.label,
                    conditions=t.condition_dicts(),
                    fine_min=t.fine_min,
                    fine_max=t.fine_max,
                    measures=t.measures,
                    article=t.article,
                )
                for n, t in enumerate(b.tiers, 1)
            ]
        )
        created += 1
        digest.add("benchmark", b.name, b.item_name, len(b.tiers))
    have_entries = set(
        NoPenaltyItem.objects.filter(department=department).values_list("name", flat=True)
    )
    for e in entries:
        if e.name in have_entries:
            result.existing += 1
            continue
        services.create_item(
            NoPenaltyItem,
            department=department,
            valid_from=vocab.NO_PENALTY_FROM,
            reason=f"公布《{plan_.NO_PENALTY_TITLE}》",
            fields={
                "name": e.name,
                "power_item": items[by_name[e.item_name].catalog_code],
                "violation": e.violation,
                "conditions": e.conditions(),
                "mandatory": e.mandatory,
                "measures": e.measures,
            },
        )
        created += 1
        digest.add("no_penalty", e.name, e.item_name, e.mandatory)
    result.created = created
    builder.audit(
        "lists.DiscretionBenchmark",
        created,
        digest,
        benchmarks=len(benchmarks),
        no_penalty_items=len(entries),
        factors=len(plan_.FACTORS),
    )


# 市场准入负面清单（2019年版）: the entries are in data/negative_list.yaml (the scenario's
# transcription, see there).
NEGATIVE_EDITION = "2019年版"
NEGATIVE_FROM = date(2019, 11, 22)  # the scenario's date for the 2019 edition (not checked)


def load_negative(builder: Any, result: Any) -> None:
    """The negative list entries, and the licensing items that rest on them."""
    from fazhi.domains.lists.models import (
        NegativeListItem,
        NegativeListItemVersion,
        PowerItemVersion,
    )

    from . import vocab

    owner = OrgUnit.objects.get(code=vocab.dept("FGW"))
    have = {
        v.number: v.item
        for v in NegativeListItemVersion.objects.filter(
            edition=NEGATIVE_EDITION, valid_to__isnull=True
        ).select_related("item")
    }
    digest = Digest()
    entries: dict[str, Any] = {}
    for entry in vocab.NEGATIVE_LIST:
        number, kind, measure = entry.number, entry.kind, entry.measure
        if number in have:
            entries[number] = have[number]
            result.existing += 1
            continue
        entries[number] = services.create_item(
            NegativeListItem,
            department=owner,
            valid_from=NEGATIVE_FROM,
            reason="执行全国统一的市场准入负面清单（2019年版）",
            fields={
                "name": measure[:300],
                "edition": NEGATIVE_EDITION,
                "number": number,
                "kind": kind,
                "measure": measure,
                "industry_codes": entry.industry_codes,
                "administering": "国家发展改革委、商务部（本市由市发展和改革委员会牵头实施）",
                "legal_basis": "《国务院关于实行市场准入负面清单制度的意见》（国发〔2015〕55号）",
            },
        )
        result.created += 1
        digest.add(number, kind, measure)
    # Link the licences that restrict market access to the entry they rest on (the scenario's
    # initial data, so the open versions are filled in place rather than re-versioned).
    linked = 0
    open_licences = PowerItemVersion.objects.filter(
        valid_to__isnull=True,
        kind="licensing",
        restricts_market_access=True,
        negative_entry__isnull=True,
    )
    for version in open_licences:
        for entry in vocab.NEGATIVE_LIST:
            if any(w in version.name for w in entry.licence_words):
                PowerItemVersion.objects.filter(pk=version.pk).update(
                    negative_entry=entries[entry.number]
                )
                linked += 1
                break
    digest.add("linked", linked)
    builder.audit(
        "lists.NegativeListItem",
        result.created + linked,
        digest,
        entries=result.created,
        licences_linked=linked,
    )


STAGES: tuple[tuple[str, Callable[[Any, Any], None]], ...] = (
    ("权责清单（2018 年版与 2019 年调整、划转、取消）", load_power),
    ("证明事项、告知承诺试点与减证便民投诉", load_proofs),
    ("办事指南与申请材料（含 2019 年精减）", load_guides),
    ("收费清单与价费文件清理", load_fees),
    ("市场监管裁量基准与免罚清单", load_discretion),
    ("市场准入负面清单（2019年版）", load_negative),
)
