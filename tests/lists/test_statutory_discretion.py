"""行政处罚法 第三十二条、第三十三条 apply to every penalty item, listed or not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.domains.lists import services
from fazhi.domains.lists.discretion import (
    FactsNeeded,
    NoBenchmark,
    NoPenaltyFinding,
    NotAPenaltyItem,
    TierFinding,
    UnknownFactor,
    tier_for,
)
from fazhi.domains.lists.models import PowerItem

from .factories import NO_MITIGATION, PLAIN, business_licence_benchmark

pytestmark = pytest.mark.django_db

AFTER_2021 = date(2021, 9, 1)  # the 2021 revision took effect on 2021-07-15 (第八十六条)
BEFORE_2021 = date(2020, 9, 1)
# A violation that is not minor, caused general harm, and was not corrected.
ORDINARY = {**PLAIN, "first_offence": False, "corrected": False, "harm": "general"}


def _penalty_item(org, name: str = "对未按规定公示营业执照的处罚"):  # type: ignore[no-untyped-def]
    # On no 免罚清单: the statute alone decides whether it is penalised.
    return services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"kind": "penalty", "name": name, "legal_basis": "《市场主体登记管理条例》"},
    )


@pytest.fixture
def unlisted(org):  # type: ignore[no-untyped-def]
    item = _penalty_item(org)
    business_licence_benchmark(org, item)
    return item


def test_minor_corrected_and_harmless_is_never_penalised(unlisted) -> None:
    facts = {**ORDINARY, "minor_violation": True, "corrected": True, "harm": "none"}
    found = tier_for(unlisted, facts, on=AFTER_2021)
    assert isinstance(found, NoPenaltyFinding) and found.mandatory and found.entry is None
    assert found.basis == "行政处罚法 第三十三条第一款" and "第三十三条第三款" in found.measures


def test_no_subjective_fault_is_never_penalised_unless_a_law_says_otherwise(unlisted) -> None:
    found = tier_for(unlisted, {**ORDINARY, "no_fault": True}, on=AFTER_2021)
    assert isinstance(found, NoPenaltyFinding) and found.mandatory
    assert (found.basis, found.proviso) == (
        "行政处罚法 第三十三条第二款",
        "法律、行政法规另有规定的，从其规定。",
    )


def test_a_first_offence_with_minor_harm_corrected_may_go_unpenalised(unlisted) -> None:
    facts = {**ORDINARY, "first_offence": True, "corrected": True, "harm": "minor"}
    found = tier_for(unlisted, {**facts, "days_unremedied": 40}, on=AFTER_2021)
    assert isinstance(found, NoPenaltyFinding) and not found.mandatory
    assert found.basis == "行政处罚法 第三十三条第一款"
    assert isinstance(found.fallback, TierFinding) and found.fallback.tier.label == "从重"


def test_a_discretionary_exemption_says_what_its_fallback_still_needs(unlisted) -> None:
    facts = {**ORDINARY, "first_offence": True, "corrected": True, "harm": "minor"}
    found = tier_for(unlisted, facts, on=AFTER_2021)
    assert isinstance(found, NoPenaltyFinding) and found.fallback is None
    assert found.fallback_needs == ("days_unremedied",)


def test_a_mandatory_exemption_still_open_is_asked_before_a_discretionary_one(unlisted) -> None:
    facts = {**NO_MITIGATION, "first_offence": True, "corrected": True, "harm": "minor"}
    found = tier_for(unlisted, facts, on=AFTER_2021)
    # harm "minor" rules out 第三十三条第一款第一句; 第二款 (no fault) is still open.
    assert isinstance(found, FactsNeeded) and found.factors == ("no_fault",)


def test_unknown_statutory_facts_are_asked_for_not_taken_as_false(unlisted) -> None:
    found = tier_for(unlisted, {"days_unremedied": 45}, on=AFTER_2021)
    assert isinstance(found, FactsNeeded)
    assert set(found.factors) == {
        "minor_violation",
        "corrected",
        "harm",
        "no_fault",
        "first_offence",
        *NO_MITIGATION,
    }


def test_an_unknown_mitigating_circumstance_keeps_the_tier_open(unlisted) -> None:
    facts = {**ORDINARY, "days_unremedied": 45}
    del facts["confessed"]
    found = tier_for(unlisted, facts, on=AFTER_2021)
    assert isinstance(found, FactsNeeded) and found.factors == ("confessed",)


def test_a_mitigating_circumstance_reports_lighter_and_reduced(unlisted) -> None:
    facts = {**ORDINARY, "days_unremedied": 45, "deceived": True}
    found = tier_for(unlisted, facts, on=AFTER_2021)
    assert isinstance(found, TierFinding) and found.tier.label == "从重"
    assert found.mitigation.applies == "从轻或者减轻"
    assert [c.basis for c in found.mitigation.circumstances] == ["行政处罚法 第三十二条第二项"]
    # 从轻: within 3000–10000 toward 3000; 减轻: below 3000.
    assert found.lighter == (Decimal("3000"), Decimal("10000"))
    assert found.reduced_below == Decimal("3000")


def test_without_a_benchmark_the_statute_still_decides(org) -> None:
    item = _penalty_item(org, "对未按规定报送年度报告的处罚")
    found = tier_for(item, {**ORDINARY, "meritorious": True}, on=AFTER_2021)
    assert isinstance(found, NoBenchmark) and found.penalise
    assert found.mitigation.basis == "行政处罚法 第三十二条"


def test_before_2021_the_no_fault_defence_did_not_exist(unlisted) -> None:
    facts = {**ORDINARY, "no_fault": True, "days_unremedied": 45}
    found = tier_for(unlisted, facts, on=BEFORE_2021)
    assert isinstance(found, TierFinding) and found.mitigation is None


def test_before_2021_the_harmless_minor_violation_rests_on_article_27(unlisted) -> None:
    facts = {**ORDINARY, "minor_violation": True, "corrected": True, "harm": "none"}
    found = tier_for(unlisted, facts, on=BEFORE_2021)
    assert isinstance(found, NoPenaltyFinding) and found.mandatory
    assert found.basis == "行政处罚法（2017年修正） 第二十七条第二款"


def test_before_2021_being_deceived_did_not_mitigate(unlisted) -> None:
    facts = {**ORDINARY, "days_unremedied": 45, "deceived": True}
    found = tier_for(unlisted, facts, on=BEFORE_2021)
    assert isinstance(found, TierFinding) and found.mitigation is None


def test_a_wrongly_typed_statutory_fact_is_refused(unlisted) -> None:
    with pytest.raises(UnknownFactor, match="危害后果"):
        tier_for(unlisted, {**ORDINARY, "harm": "tiny"}, on=AFTER_2021)


def test_an_item_that_is_not_a_penalty_is_refused(org) -> None:
    licence = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"kind": "licensing", "name": "食品经营许可", "legal_basis": "《食品安全法》"},
    )
    with pytest.raises(NotAPenaltyItem):
        tier_for(licence, ORDINARY, on=AFTER_2021)
