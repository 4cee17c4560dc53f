"""tier_for(item, facts, on=date): the no-penalty finding or the benchmark tier."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.domains.lists import services
from fazhi.domains.lists.discretion import (
    FactsNeeded,
    NoPenaltyFinding,
    TierFinding,
    UnknownFactor,
    tier_for,
)
from fazhi.domains.lists.models import DiscretionBenchmark, NoPenaltyItem, PowerItem

from .factories import NO_MITIGATION, PLAIN, business_licence_benchmark

pytestmark = pytest.mark.django_db


@pytest.fixture
def penalty(org):  # type: ignore[no-untyped-def]
    from fazhi.domains.lists.models import DiscretionFactor

    DiscretionFactor.objects.create(code="first_offence", label="初次违法", kind="boolean")
    DiscretionFactor.objects.create(code="corrected", label="及时改正", kind="boolean")
    item = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={
            "kind": "penalty",
            "name": "对未按规定公示营业执照的处罚",
            "legal_basis": "《市场主体登记管理条例》",
        },
    )
    business_licence_benchmark(org, item)
    services.create_item(
        NoPenaltyItem,
        department=org.scjg,
        valid_from=date(2019, 6, 1),
        fields={
            "name": "首次未公示营业执照",
            "power_item": item,
            "violation": "首次、及时改正",
            "mandatory": False,
            "conditions": [
                {"factor": "first_offence", "value": True},
                {"factor": "corrected", "value": True},
            ],
        },
    )
    return item


def test_a_first_minor_corrected_violation_finds_no_penalty(penalty) -> None:
    found = tier_for(
        penalty,
        {"first_offence": True, "corrected": True, "days_unremedied": 5, **PLAIN},
        on=date(2019, 9, 1),
    )
    assert isinstance(found, NoPenaltyFinding) and not found.penalise
    assert "第三十三条" in found.basis


def test_before_the_no_penalty_list_took_effect_the_benchmark_applies(penalty) -> None:
    found = tier_for(
        penalty,
        {"first_offence": True, "corrected": True, "days_unremedied": 5, **PLAIN},
        on=date(2019, 3, 1),
    )
    assert isinstance(found, TierFinding)
    assert (found.tier.label, found.fine_max, found.article) == ("从轻", Decimal("3000"), "第一档")


def test_the_tier_follows_the_declared_factors(penalty) -> None:
    facts = {"days_unremedied": 45, "first_offence": False, **PLAIN}
    found = tier_for(penalty, facts, on=date(2019, 9, 1))
    assert found.tier.label == "从重" and found.fine_min == Decimal("3000")


def test_facts_that_leave_the_exemption_open_are_asked_for_not_guessed(penalty) -> None:
    found = tier_for(penalty, {"minor_violation": False, **NO_MITIGATION}, on=date(2019, 9, 1))
    assert isinstance(found, FactsNeeded)
    assert set(found.factors) == {"first_offence", "corrected", "days_unremedied"}


def test_the_tier_facts_are_asked_for_once_no_exemption_can_apply(penalty) -> None:
    found = tier_for(penalty, {"first_offence": False, **PLAIN}, on=date(2019, 9, 1))
    assert isinstance(found, FactsNeeded) and found.factors == ("days_unremedied",)


def test_a_fact_on_no_declared_factor_is_refused(penalty) -> None:
    with pytest.raises(UnknownFactor, match="未知的裁量情节"):
        tier_for(penalty, {"something_else": 1, **PLAIN}, on=date(2019, 9, 1))


def test_a_mandatory_exemption_wins_over_a_discretionary_one(penalty, org) -> None:
    services.create_item(
        NoPenaltyItem,
        department=org.scjg,
        valid_from=date(2019, 7, 1),
        fields={
            "name": "轻微并及时改正（应当不予处罚）",
            "power_item": penalty,
            "violation": "轻微、及时改正、无危害后果",
            "mandatory": True,
            "conditions": [{"factor": "corrected", "value": True}],
        },
    )
    found = tier_for(
        penalty,
        {"first_offence": True, "corrected": True, "days_unremedied": 5, **PLAIN},
        on=date(2019, 9, 1),
    )
    assert isinstance(found, NoPenaltyFinding) and found.mandatory and found.fallback is None


def test_a_discretionary_exemption_carries_the_tier_that_would_apply(penalty) -> None:
    found = tier_for(
        penalty,
        {"first_offence": True, "corrected": True, "days_unremedied": 5, **PLAIN},
        on=date(2019, 9, 1),
    )
    assert not found.mandatory and found.fallback.tier.label == "从轻"


def test_malformed_conditions_are_refused(penalty, org) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="未声明"):
        services.create_item(
            NoPenaltyItem,
            department=org.scjg,
            valid_from=date(2019, 7, 1),
            fields={
                "name": "坏条件",
                "power_item": penalty,
                "violation": "x",
                "conditions": [{"factor": "no_such_factor", "value": True}],
            },
        )


def test_the_api_answers_for_a_violation(penalty) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    url = f"/api/power-items/{penalty.pk}/discretion/"
    plain = {k: "false" for k in PLAIN}
    free = api.get(
        url, {"on": "2019-09-01", "first_offence": "true", "corrected": "是", **plain}
    ).json()
    assert free["finding"] == "no_penalty" and free["penalise"] is False
    tier = api.get(
        url, {"on": "2019-09-01", "days_unremedied": "45", "first_offence": "false", **plain}
    ).json()
    assert (tier["finding"], tier["label"], tier["fine_max"]) == ("tier", "从重", "10000.00")


def test_a_change_to_a_benchmark_keeps_its_tiers(penalty) -> None:
    bench = DiscretionBenchmark.objects.get()
    services.record(
        bench,
        "amend",
        valid_from=date(2019, 10, 1),
        reason="修改处罚依据表述",
        changes={"penalty_basis": "处一万元以下罚款（修改）"},
    )
    facts = {"days_unremedied": 45, "first_offence": False, **PLAIN}
    found = tier_for(penalty, facts, on=date(2019, 12, 1))
    assert isinstance(found, TierFinding) and found.tier.label == "从重"
    assert found.benchmark.valid_from == date(2019, 10, 1)
