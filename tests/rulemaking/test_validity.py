"""Validity periods of normative documents: the period by the setting, expiry by the daily job,
the evaluation reminder six months before, and 宣布失效 as a recorded act."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.models import Notification
from fazhi.core.casework.workflow import StepRefused, TransitionError
from fazhi.domains.rulemaking import validity
from fazhi.domains.rulemaking.choices import TextKind, TextState
from fazhi.domains.rulemaking.filing_choices import TextActKind
from fazhi.domains.rulemaking.jobs import run_daily
from fazhi.domains.rulemaking.models import LegalText, TextAct, TextVersion, Validity, in_force_on

from . import filing_fixtures as fx
from .filing_fixtures import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def department_document(org: Any) -> Any:
    return fx.department_document(org)


def test_a_normative_document_is_valid_five_years_and_a_provisional_one_two(org) -> None:
    doc = issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "关于市场管理的意见", date(2019, 5, 6))
    trial = issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "市场管理暂行办法", date(2019, 5, 6))
    rule = issue(org.city, TextKind.GOVERNMENT_RULE, "鄂州市某管理办法", date(2019, 5, 6))
    assert (doc.validity.years, doc.validity.valid_until) == (5, date(2024, 5, 5))
    assert (trial.validity.years, trial.validity.valid_until) == (2, date(2021, 5, 5))
    assert trial.validity.evaluation_due == date(2020, 11, 5)
    assert not Validity.objects.filter(version=rule).exists()


def test_the_validity_period_is_a_local_setting(org, settings) -> None:
    settings.FAZHI_NORMATIVE_VALIDITY_YEARS = 3
    doc = issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "关于市场管理的意见", date(2019, 5, 6))
    assert (doc.validity.years, doc.validity.valid_until) == (3, date(2022, 5, 5))


def test_the_daily_job_expires_the_document_the_day_after_its_last_day(org, people) -> None:
    doc = issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "市场管理暂行办法", date(2019, 5, 6))
    assert run_daily(date(2021, 5, 5))["expired"] == 0
    assert run_daily(date(2021, 5, 6))["expired"] == 1
    doc.refresh_from_db()
    assert (doc.state, doc.effective_until) == (TextState.EXPIRED, date(2021, 5, 5))
    assert LegalText.objects.get(pk=doc.text_id).state == TextState.EXPIRED
    act = TextAct.objects.get(version=doc)
    assert (act.kind, act.on, act.actor) == (TextActKind.EXPIRED, date(2021, 5, 6), None)
    # As of a date: in force on its last day, not the day after.
    assert TextVersion.objects.filter(in_force_on(date(2021, 5, 5)), pk=doc.pk).exists()
    assert not TextVersion.objects.filter(in_force_on(date(2021, 5, 6)), pk=doc.pk).exists()
    assert run_daily(date(2021, 5, 7))["expired"] == 0


def test_the_evaluation_is_announced_six_months_before_once(org, people) -> None:
    doc = issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "市场管理暂行办法", date(2019, 5, 6))
    assert run_daily(date(2020, 11, 4))["evaluations"] == 0
    assert run_daily(date(2020, 11, 5))["evaluations"] == 1
    notes = Notification.objects.filter(recipient__in=[people.alice, people.henry])
    assert notes.count() == 2 and "请于 2020-11-05 前完成评估" in notes.first().title
    assert not Notification.objects.filter(recipient=people.bob).exists()
    assert run_daily(date(2020, 11, 6))["evaluations"] == 0
    validity.record_evaluation(
        doc.validity, on=date(2020, 12, 1), actor=people.alice, conclusion="继续有效，拟修订"
    )
    doc.validity.refresh_from_db()
    assert doc.validity.evaluated_on == date(2020, 12, 1)


def test_declaring_invalid_is_a_recorded_act_of_the_issuing_body(
    department_document, people
) -> None:
    with pytest.raises(StepRefused) as err:
        validity.declare_invalid(
            department_document, on=date(2019, 9, 1), actor=people.bob, reason="不再适用"
        )
    assert "国办发〔2018〕37号" in str(err.value)
    act = validity.declare_invalid(
        department_document, on=date(2019, 9, 1), actor=people.alice, reason="不再适用"
    )
    department_document.refresh_from_db()
    assert department_document.state == TextState.DECLARED_INVALID
    assert department_document.effective_until == date(2019, 8, 31)
    assert (act.kind, act.actor, act.reason) == (
        TextActKind.DECLARED_INVALID,
        people.alice,
        "不再适用",
    )
    # An ended text cannot end again; the refusal names the article.
    with pytest.raises(TransitionError) as err2:
        validity.repeal(department_document, on=date(2019, 10, 1), actor=people.alice, reason="x")
    assert "不能改为" in str(err2.value)
    # Nor does the expiry job touch it.
    assert run_daily(date(2030, 1, 1))["expired"] == 0


def test_the_validity_calendar_renders_and_declares(client, department_document, people) -> None:
    client.force_login(people.alice)
    page = client.get("/office/rulemaking/validity/")
    assert page.status_code == 200 and "关于规范农贸市场管理的实施意见" in page.content.decode()
    response = client.post(
        f"/office/rulemaking/versions/{department_document.pk}/end/",
        {"action": "declare_invalid", "on": "2019-09-01", "reason": "不再适用"},
    )
    assert response.status_code == 302
    department_document.refresh_from_db()
    assert department_document.state == TextState.DECLARED_INVALID


def test_opening_the_filings_gives_a_published_document_its_validity(org, people) -> None:
    from fazhi.domains.rulemaking import filing
    from fazhi.domains.rulemaking.models import LegalText

    text = LegalText.objects.create(
        kind=TextKind.NORMATIVE_DOCUMENT,
        title="关于某事项的试行办法",
        short_title="关于某事项的试行办法",
        issuing_body="鄂州市人民政府",
        issuing_unit=org.city,
        state=TextState.IN_FORCE,
        public=True,
    )
    version = TextVersion.objects.create(
        text=text,
        label="2019年",
        state=TextState.IN_FORCE,
        promulgated_on=date(2019, 4, 1),
        effective_from=date(2019, 5, 1),
    )
    filing.open_filings(version, on=date(2019, 4, 1), actor=people.june)
    assert Validity.objects.get(version=version).valid_until == date(2021, 4, 30)
