"""The lists of the Ezhou 2019 scenario: every figure of the seed's section (一) 2–3 counted from
records by ``fazhi.domains.lists.figures``, on a build with a small entity
pool (the lists are always full
size); the versions obey the list mechanism's rules; a second build creates nothing."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.casework.models import Case
from fazhi.core.integrity.models import SecurityEvent, SecurityEventKind
from fazhi.core.org.models import Department
from fazhi.domains.lists import figures, services
from fazhi.domains.lists.choices import ON_APPLICATION_KINDS, ListAction, PowerKind
from fazhi.domains.lists.discretion import NoBenchmark, NoPenaltyFinding, TierFinding, tier_for
from fazhi.domains.lists.models import (
    FeeCleanup,
    FeeItem,
    GuideMaterial,
    PowerItem,
    PowerItemVersion,
    ProofComplaint,
    ProofRequirement,
    ServiceGuide,
)
from fazhi.domains.lists.scenario import plan as lists_plan
from fazhi.domains.lists.scenario import vocab as lists_vocab
from fazhi.domains.lists.statutory import PENALTY_LAW_1996
from fazhi.shell.scenario.builder import build

SEED_FIGURES = {
    "power_items_retained": 4221,
    "power_item_departments": 36,
    "power_item_adjustments_2019": 2902,
    "service_guides": 4421,
    "items_with_cut_materials_2019": 97,
    "materials_cut_2019": 318,
    "proofs_cancelled_2019": 18,
    "departments_cancelling_proofs_2019": 9,
    "proof_complaints_handled_2019": 16,
}
END = date(2019, 12, 31)


@pytest.fixture
def scenario(db: Any, settings: Any, tmp_path: Any) -> Any:
    settings.VAR_DIR = tmp_path
    return build(seed=2019, entities=200, officers=20, stdout=io.StringIO())


def test_every_figure_is_counted_from_records_and_a_second_build_adds_nothing(
    scenario: Any,
) -> None:
    counted = {name: getattr(figures, name)() for name in SEED_FIGURES}
    assert counted == SEED_FIGURES
    fees = {o: figures.fee_documents(o) for o in ("retain", "amend", "repeal")}
    assert fees == {"retain": 53, "amend": 6, "repeal": 10}
    # What `fazhi figures` prints for the lists: the seed values registered beside each query
    # are the report's (copied independently above), and each count matches its seed.
    expected = {
        **SEED_FIGURES,
        "fee_documents('retain')": 53,
        "fee_documents('amend')": 6,
        "fee_documents('repeal')": 10,
    }
    registered = [f for f in registry.figures(2019) if f.query.startswith(figures.__name__)]
    assert {f.query.rpartition(".")[2]: f.seed for f in registered} == expected
    assert {f.query.rpartition(".")[2]: f.count() for f in registered} == expected

    # The 36 holders are exactly the foundation's 36 city departments (a township's own list,
    # e.g. the enforcement stage's 泽林镇, lies below a district and is not the city's).
    holders = set(
        services.as_of(PowerItem, END)
        .filter(department__parent__code=figures.CITY)
        .values_list("department__code", flat=True)
        .distinct()
    )
    city = set(Department.objects.filter(parent__code=figures.CITY).values_list("code", flat=True))
    assert holders == city
    # The 2018 list was in force before; 2019 also cancelled the scenario's 176 (not in 2,902).
    assert figures.power_items_retained(date(2018, 12, 31)) == 4221 + 176
    assert figures.power_items_cancelled_2019() == lists_vocab.CANCELLED_2019
    # Notify-commit pilots in 市场监管、住建、交通, the two fee lists, the market regulator's lists.
    pilots = ProofRequirement.objects.filter(status="notify_commit")
    assert set(pilots.values_list("department__code", flat=True)) == {
        "420700-SCJG",
        "420700-ZJJ",
        "420700-JTYSJ",
    }
    assert figures.notify_commit_departments() == 3
    assert figures.notify_commit_materials() > 0
    assert not GuideMaterial.objects.filter(source="notify_commit", proof__isnull=True).exists()
    assert 0 < figures.fee_items(enterprise_related=True) < figures.fee_items()
    assert FeeCleanup.objects.get().publication is not None
    assert figures.discretion_benchmarks() >= 3
    assert 10 <= figures.no_penalty_items() <= 20
    assert figures.proof_complaints_open() == 0

    before = {
        m.__name__: m.objects.count()
        for m in (PowerItem, PowerItemVersion, ServiceGuide, GuideMaterial, ProofRequirement)
    }
    before["Case"] = Case.objects.count()
    before["FeeItem"] = FeeItem.objects.count()
    again = build(seed=2019, entities=200, officers=20, stdout=io.StringIO())
    assert again.created == 0
    after = {
        m.__name__: m.objects.count()
        for m in (PowerItem, PowerItemVersion, ServiceGuide, GuideMaterial, ProofRequirement)
    }
    after["Case"] = Case.objects.count()
    after["FeeItem"] = FeeItem.objects.count()
    assert after == before


def test_versions_follow_the_list_mechanism(scenario: Any) -> None:
    # One open version per item (also a DB constraint); the item row mirrors it.
    rows = PowerItem.objects.values_list("id", "name", "department_id", "state", "kind")
    open_versions = {
        v[0]: v[1:]
        for v in PowerItemVersion.objects.filter(valid_to__isnull=True).values_list(
            "item_id", "name", "department_id", "state", "kind"
        )
    }
    assert len(open_versions) == len(rows)
    assert all(open_versions[pk] == tuple(rest) for pk, *rest in rows)
    # The 2018 list takes effect in 2018; every 2019 version closes the 2018 one on its day.
    firsts = PowerItemVersion.objects.filter(action=ListAction.ADD)
    assert set(firsts.values_list("valid_from", flat=True)) == {lists_vocab.LIST_2018}
    seconds = PowerItemVersion.objects.exclude(action=ListAction.ADD).select_related("item")
    closed = dict(firsts.filter(valid_to__isnull=False).values_list("item_id", "valid_to"))
    assert {v.item_id: v.valid_from for v in seconds} == closed
    assert all(v.valid_from.year == 2019 and v.reason for v in seconds)
    # A transfer moves the item without re-encoding it, and points at what it came from.
    transfers = [v for v in seconds if v.action == ListAction.TRANSFER]
    assert transfers
    for v in transfers[:50]:
        assert v.transferred_from.department_id != v.department_id
        assert v.item.code.startswith(v.transferred_from.department.code + "-")
        assert v.item.department_id == v.department_id
    # "What changed in 2019": the 2,902 and the 176 cancellations, each with a changed field.
    changes = services.diff(PowerItem, date(2018, 12, 31), END)
    kinds = Counter(c.kind for c in changes)
    assert kinds == {"changed": 2902, "removed": lists_vocab.CANCELLED_2019}
    assert all(c.fields for c in changes if c.kind == "changed")
    # Penalties are by far the largest kind; every guide belongs to an item applied for.
    retained = Counter(services.as_of(PowerItem, END).values_list("kind", flat=True))
    assert retained.most_common(1)[0][0] == PowerKind.PENALTY
    assert retained[PowerKind.PENALTY] > sum(retained.values()) / 2
    guide_kinds = set(ServiceGuide.objects.values_list("power_item__kind", flat=True).distinct())
    assert guide_kinds <= set(ON_APPLICATION_KINDS)
    assert PowerItemVersion.objects.exclude(steps=[]).exists()
    assert PowerItem.objects.filter(code__regex=r"^420700-[A-Z]+-XK-0001$").exists()


def test_the_proofs_complaints_and_discretion_work_as_the_domains_will_use_them(
    scenario: Any,
) -> None:
    cancelled = ProofRequirement.objects.filter(status="cancelled")
    assert cancelled.count() == 18
    assert all(p.current_version().community_issued for p in cancelled)
    assert {p.name for p in cancelled} >= {"取环证明", "意外伤害证明（医疗费用报销）"}
    for complaint in ProofComplaint.objects.select_related("case", "proof"):
        assert complaint.case.state == "replied" and complaint.reply
        assert complaint.proof.status == "cancelled" and complaint.region is not None
        assert complaint.case.opened_on <= complaint.case.closed_on <= END

    licence = PowerItem.objects.get(name="对未取得食品经营许可从事食品经营活动的处罚")
    # 行政处罚法 (2017年修正) 第二十七条 applies in 2020: not minor, nothing mitigates.
    mitigating = [f for c in PENALTY_LAW_1996.mitigation for f in c.factors]
    statute = {"minor_violation": False, **dict.fromkeys(mitigating, False)}
    facts = {"goods_value": 5000, "harm": "general", "first_offence": False, **statute}
    found = tier_for(licence, facts, on=date(2020, 1, 1))
    assert isinstance(found, TierFinding) and found.fine_max == 85000
    price = PowerItem.objects.get(name="对经营者不执行明码标价规定的处罚")
    assert price.department.code == "420700-SCJG" and price.code.startswith("420700-FGW-")
    first_minor = {"first_offence": True, "harm": "minor", "corrected": True}
    assert isinstance(tier_for(price, first_minor, on=date(2020, 1, 1)), NoPenaltyFinding)
    before_the_lists = tier_for(price, {**first_minor, **statute}, on=date(2019, 6, 1))
    assert before_the_lists == NoBenchmark()

    events = SecurityEvent.objects.filter(kind=SecurityEventKind.BULK_IMPORT)
    labels = set(events.values_list("object_repr", flat=True))
    assert {"lists.PowerItem", "lists.ServiceGuide", "lists.ProofRequirement"} <= labels
    assert events.get(object_repr="lists.PowerItem").data["changes"]["items"] == 4221 + 176


def test_the_plan_is_a_pure_function_of_the_seed() -> None:
    first = lists_plan.plan_power(2019)
    assert first.items == lists_plan.plan_power(2019).items
    assert [s.name for s in lists_plan.plan_power(2020).items] != [s.name for s in first.items]
    assert len({s.name for s in first.items}) == len(first.items)
    assert len({s.catalog_code for s in first.items}) == len(first.items)
    guides = lists_plan.plan_guides(2019, first, lists_plan.plan_proofs())
    assert len(guides) == 4421
    # The brigade took over every item it holds from 城管 and 文旅 in 2019.
    brigade = [s for s in first.items if s.final_dept == lists_vocab.dept("ZHZFZD")]
    assert brigade and all(s.change and s.change.action == "transfer" for s in brigade)


def test_licences_restricting_market_access_rest_on_the_negative_list_or_a_law(
    scenario: Any,
) -> None:
    from fazhi.domains.lists.models import NegativeListItem, PowerItemVersion

    entries = NegativeListItem.objects.filter(state="in_force")
    assert entries.filter(kind="prohibited").count() == 5 and entries.filter(kind="licensed")
    restricting = PowerItemVersion.objects.filter(
        valid_to__isnull=True, kind="licensing", restricts_market_access=True
    )
    assert restricting.filter(negative_entry__isnull=False).exists()
    assert not [v for v in restricting if v.needs_access_review()]
