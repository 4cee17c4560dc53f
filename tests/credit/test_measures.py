"""Joint reward and punishment: the measures that apply to an entity on a date, each with the
records behind it and its basis, from a dated rule table."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.org.models import RiskClassification
from fazhi.domains.credit import measures

from .conftest import commitment, published_penalty

pytestmark = pytest.mark.django_db


def test_a_serious_record_excludes_notify_commit_and_raises_the_ratio(org, people, company):
    record = commitment(org, people, company, date(2026, 5, 10), "serious")
    found = {m.code: m for m in measures.applicable(company, date(2026, 6, 1))}
    assert set(found) == {"no_notify_commit", "ratio_serious"}
    punish = found["no_notify_commit"]
    assert punish.kind == "punishment" and punish.records == (record.pk,)
    assert "鄂州市市场监督管理局2026-05-10认定" in punish.reason
    assert "国办发〔2020〕42号" in punish.basis
    assert measures.inspection_ratio_factor(company, date(2026, 6, 1)) == 3000
    allowed, why = measures.notify_commit_allowed(company, date(2026, 6, 1))
    assert not allowed and "严重失信" in why


def test_the_rules_are_dated(org, people, company) -> None:
    commitment(org, people, company, date(2019, 8, 1), "serious")
    # In 2019 the 2019 opinion applies; notify-commit exclusion came with 国办发〔2020〕42号.
    codes = {m.code for m in measures.applicable(company, date(2019, 9, 1))}
    assert codes == {"ratio_serious"}
    assert measures.applicable(company, date(2019, 7, 31)) == []  # not yet recognised


def test_a_general_penalty_raises_the_ratio_only(org, people, item, company) -> None:
    published_penalty(org, people, item, company)
    assert measures.inspection_ratio_factor(company, date(2024, 4, 1)) == 1500
    assert measures.notify_commit_allowed(company, date(2024, 4, 1)) == (True, "")


def test_a_broken_commitment_excludes_notify_commit(org, people, company) -> None:
    commitment(org, people, company, date(2025, 6, 10))
    allowed, why = measures.notify_commit_allowed(company, date(2025, 7, 1))
    assert not allowed and "不实承诺" in why and "国办发〔2020〕42号" in why


def test_an_a_class_entity_without_records_is_rewarded(company) -> None:
    RiskClassification.objects.create(
        entity=company, scheme="市场监管", risk_class="A", as_of=date(2024, 12, 31), source="导入"
    )
    found = {m.code: m for m in measures.applicable(company, date(2025, 3, 1))}
    assert set(found) == {"ratio_good", "tolerance_acceptance"}
    assert all(m.kind == "reward" for m in found.values())
    assert measures.inspection_ratio_factor(company, date(2025, 3, 1)) == 500
    assert measures.applicable(company, date(2024, 12, 30)) == []  # classified the day after
