"""Binding an enterprise account to its 统一社会信用代码 by the register check."""

from __future__ import annotations

import pytest

from fazhi.core.accounts import binding
from fazhi.core.accounts.binding import BindingRefused, bind_entity
from fazhi.core.accounts.choices import BindingStatus
from fazhi.core.org.validators import make_uscc

from ..conftest import make_entity
from .conftest import LI_PHONE, sign_in

pytestmark = pytest.mark.django_db

UNKNOWN_USCC = make_uscc("91420704MA4F99999")


@pytest.fixture
def company(org):  # type: ignore[no-untyped-def]
    return make_entity(org, legal_representative="李四")


def test_a_matching_representative_verifies_the_binding(li, company) -> None:
    account = bind_entity(li, uscc=company.uscc, representative="李四")
    assert account.binding_status == BindingStatus.VERIFIED and account.acts_for_entity


def test_the_binding_keeps_how_it_was_checked(li, company) -> None:
    account = bind_entity(li, uscc=company.uscc, representative="李四")
    assert account.binding_method == "register_match" and account.binding_checked_at


def test_spaces_and_full_width_forms_do_not_fail_a_correct_name(li, org) -> None:
    entity = make_entity(org, legal_representative="阿卜杜·热合曼")
    account = bind_entity(li, uscc=entity.uscc, representative=" 阿卜杜•热合曼 ")
    assert account.binding_status == BindingStatus.VERIFIED


def test_another_name_is_rejected(li, company) -> None:
    account = bind_entity(li, uscc=company.uscc, representative="王五")
    assert account.binding_status == BindingStatus.REJECTED and not account.acts_for_entity


def test_a_code_our_register_does_not_know_stays_pending(li, org) -> None:
    account = bind_entity(li, uscc=UNKNOWN_USCC, representative="李四")
    assert account.binding_status == BindingStatus.PENDING and not account.acts_for_entity


def test_an_entity_without_a_representative_on_record_stays_pending(li, org) -> None:
    entity = make_entity(org, legal_representative="")
    account = bind_entity(li, uscc=entity.uscc, representative="李四")
    assert account.binding_status == BindingStatus.PENDING and not account.acts_for_entity


def test_a_cancelled_entity_is_rejected(li, org) -> None:
    entity = make_entity(org, legal_representative="李四", status="cancelled")
    account = bind_entity(li, uscc=entity.uscc, representative="李四")
    assert account.binding_status == BindingStatus.REJECTED


def test_guessing_the_name_is_capped(li, company) -> None:
    for n in range(binding.FAILURES_PER_HOUR):
        bind_entity(li, uscc=company.uscc, representative=f"猜{n}")
    with pytest.raises(BindingRefused):
        bind_entity(li, uscc=company.uscc, representative="李四")


def test_the_cap_lifts_after_an_hour(li, company, clock) -> None:
    for n in range(binding.FAILURES_PER_HOUR):
        bind_entity(li, uscc=company.uscc, representative=f"猜{n}")
    clock.shift(3601)
    assert bind_entity(li, uscc=company.uscc, representative="李四").acts_for_entity


def test_a_citizen_account_cannot_bind(zhang, company) -> None:
    with pytest.raises(BindingRefused):
        bind_entity(zhang, uscc=company.uscc, representative="李四")


def test_the_page_states_the_check_and_binds(client, sms_dir, li, company) -> None:
    sign_in(client, sms_dir, LI_PHONE)
    page = client.get("/account/enterprise/").content.decode()
    assert "法定代表人（经营者）姓名与登记信息一致" in page and "不能证明您获得企业授权" in page
    client.post("/account/enterprise/", {"uscc": company.uscc, "representative": "李四"})
    li.refresh_from_db()
    assert li.binding_status == BindingStatus.VERIFIED


def test_the_page_refuses_a_malformed_code_in_chinese(client, sms_dir, li) -> None:
    sign_in(client, sms_dir, LI_PHONE)
    good = make_uscc("91420704MA4F00001")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = client.post("/account/enterprise/", {"uscc": bad, "representative": "李四"})
    assert response.status_code == 400 and "校验码错误" in response.content.decode()
