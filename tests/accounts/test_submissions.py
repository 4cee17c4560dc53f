"""'My submissions': sources registered by domains, and an account sees only its own."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.accounts.session import account_required
from fazhi.core.accounts.submissions import (
    ForeignSubmissionError,
    SubmissionItem,
    register_submissions,
    submissions_for,
    unregister_submissions,
)

from .conftest import ZHANG_PHONE, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaints():  # type: ignore[no-untyped-def]
    """A stand-in complaints domain holding one complaint of 张三 and one of 李四."""
    store: list[SubmissionItem] = []

    def fetch(account):  # type: ignore[no-untyped-def]
        return [item for item in store if item.account_id == account.pk]

    register_submissions("test-complaints", "投诉举报", fetch)
    yield store
    unregister_submissions("test-complaints")


def test_the_page_shows_an_empty_state(client, sms_dir, zhang) -> None:
    sign_in(client, sms_dir, ZHANG_PHONE)
    assert "您还没有提交过任何事项" in client.get("/account/submissions/").content.decode()


def test_the_page_lists_only_the_accounts_own(client, sms_dir, zhang, li, complaints) -> None:
    complaints.append(SubmissionItem(zhang.pk, "张三的投诉", date(2019, 9, 1), "已受理"))
    complaints.append(SubmissionItem(li.pk, "李四的投诉", date(2019, 9, 2), "已受理"))
    sign_in(client, sms_dir, ZHANG_PHONE)
    page = client.get("/account/submissions/").content.decode()
    assert "张三的投诉" in page and "李四的投诉" not in page


def test_a_source_returning_another_accounts_item_is_an_error(zhang, li) -> None:
    register_submissions(
        "test-leaky", "有漏洞的来源", lambda account: [SubmissionItem(li.pk, "x", date.today(), "")]
    )
    try:
        with pytest.raises(ForeignSubmissionError):
            submissions_for(zhang)
    finally:
        unregister_submissions("test-leaky")


def test_a_key_cannot_be_taken_twice(complaints) -> None:
    with pytest.raises(ValueError):
        register_submissions("test-complaints", "另一个", lambda account: [])


def test_the_page_needs_a_signed_in_account(client) -> None:
    response = client.get("/account/submissions/")
    assert response.status_code == 302 and response.url.startswith("/account/signin/?next=")


def test_account_required_refuses_an_unverified_enterprise(rf, li) -> None:
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

    @account_required(acts_for_entity=True)
    def view(request):  # type: ignore[no-untyped-def]
        raise AssertionError("must not run")

    request = rf.get("/somewhere/")
    request.session = SessionStore()
    request.session[PUBLIC_SESSION_KEY] = {"id": li.pk, "seen": 2**31}
    request._messages = FallbackStorage(request)
    response = view(request)
    assert response.status_code == 302 and response.url == "/account/enterprise/"


def test_the_mixin_guards_class_based_views(rf) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django.views import View

    from fazhi.core.accounts.session import AccountRequiredMixin

    class MyComplaints(AccountRequiredMixin, View):
        def get(self, request):  # type: ignore[no-untyped-def]
            return HttpResponse("mine")

    request = rf.get("/complaints/mine/")
    request.session = SessionStore()
    response = MyComplaints.as_view()(request)
    assert response.status_code == 302 and "next=%2Fcomplaints%2Fmine%2F" in response.url
