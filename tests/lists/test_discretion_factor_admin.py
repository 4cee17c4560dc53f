"""Declared discretion factors in the admin: saved by the system administrator, checked against
the conditions that name them and against the statute's own factors."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.integrity.models import AuditEntry
from fazhi.domains.lists import services
from fazhi.domains.lists.models import DiscretionFactor, DiscretionTier, PowerItem

from .factories import business_licence_benchmark

pytestmark = pytest.mark.django_db


@pytest.fixture
def days(org) -> DiscretionFactor:  # type: ignore[no-untyped-def]
    item = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"kind": "penalty", "name": "对未按规定公示营业执照的处罚", "legal_basis": "条例"},
    )
    business_licence_benchmark(org, item)  # its tiers compare days_unremedied with 30
    return DiscretionFactor.objects.get(code="days_unremedied")


def form(factor: DiscretionFactor, **changes: Any) -> dict[str, Any]:
    data = {
        "code": factor.code,
        "label": factor.label,
        "kind": factor.kind,
        "choices": "[]",
        "unit": factor.unit,
    }
    return {**data, **changes}


def change_url(factor: DiscretionFactor) -> str:
    return f"/admin/lists/discretionfactor/{factor.pk}/change/"


def test_sam_saves_a_factor_through_the_admin(client, people, days) -> None:
    client.force_login(people.sam)
    assert client.get(change_url(days)).status_code == 200
    response = client.post(change_url(days), form(days, label="逾期未改正天数"))
    assert response.status_code == 302, response.content.decode()[:2000]
    days.refresh_from_db()
    assert days.label == "逾期未改正天数"


def test_sams_change_of_a_factor_is_audited(client, people, days) -> None:
    client.force_login(people.sam)
    client.post(change_url(days), form(days, label="逾期未改正天数"))
    assert AuditEntry.objects.get_for_object(days).latest("id").actor == people.sam


def test_sam_adds_a_factor_through_the_admin(client, people) -> None:
    client.force_login(people.sam)
    data = {"code": "illegal_gain", "label": "违法所得", "kind": "number", "choices": "[]"}
    response = client.post("/admin/lists/discretionfactor/add/", {**data, "unit": "元"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DiscretionFactor.objects.get(code="illegal_gain").unit == "元"


def test_the_admin_refuses_a_kind_the_tiers_cannot_compare(client, people, days) -> None:
    client.force_login(people.sam)
    response = client.post(change_url(days), form(days, kind="boolean"))
    assert response.status_code == 200
    assert "未公示营业执照裁量基准" in response.content.decode()
    days.refresh_from_db()
    assert days.kind == "number"


def test_full_clean_accepts_an_unbroken_factor(days) -> None:
    days.label = "逾期未改正天数"
    days.full_clean()


def test_full_clean_refuses_a_kind_the_tiers_cannot_compare(days) -> None:
    days.kind = "boolean"
    with pytest.raises(ValidationError, match="的值应为是/否"):
        days.full_clean()


def test_full_clean_refuses_renaming_a_code_the_tiers_name(days) -> None:
    days.code = "days_overdue"
    with pytest.raises(ValidationError, match="未声明"):
        days.full_clean()


def test_full_clean_refuses_dropping_an_option_a_tier_names(org, days) -> None:
    grade = DiscretionFactor.objects.create(
        code="scale", label="经营规模", kind="choice", choices=["small", "large"]
    )
    tier = DiscretionTier.objects.filter(label="从轻").first()
    tier.conditions = [*tier.conditions, {"factor": "scale", "value": "small"}]
    tier.save()
    grade.choices = ["large"]
    with pytest.raises(ValidationError, match="没有选项"):
        grade.full_clean()


def test_a_row_may_not_redefine_a_statutory_factor() -> None:
    harm = DiscretionFactor(code="harm", label="危害后果", kind="choice", choices=["none"])
    with pytest.raises(ValidationError, match="法定情节"):
        harm.full_clean()


def test_a_tier_with_conditions_on_no_declared_factor_is_refused(days) -> None:
    tier = DiscretionTier.objects.filter(label="从轻").first()
    tier.conditions = [{"factor": "no_such_factor", "value": True}]
    with pytest.raises(ValidationError, match="未声明"):
        tier.full_clean()


def test_a_tier_may_name_a_statutory_factor_without_a_row(days) -> None:
    tier = DiscretionTier.objects.filter(label="从轻").first()
    tier.conditions = [{"factor": "harm", "op": "in", "value": ["none", "minor"]}]
    tier.full_clean()
