"""``scoped(request_or_user, model, action)``: the one call a request path makes for records."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory

from fazhi.core.org.models import ApiToken
from fazhi.core.org.scoping import UnrestrictedQuerySetError, scoped
from fazhi.core.org.tokens import create_token


def test_scoped_gives_only_what_the_user_may_see(people) -> None:
    create_token(people.alice, "对接")
    assert not scoped(people.bob, ApiToken, "view").exists()


def test_scoped_gives_the_user_s_own_records(people) -> None:
    create_token(people.alice, "对接")
    assert scoped(people.alice, ApiToken, "change").count() == 1


def test_scoped_takes_the_request_s_user(people) -> None:
    create_token(people.alice, "对接")
    request = RequestFactory().get("/")
    request.user = people.alice
    assert scoped(request, ApiToken).count() == 1


def test_scoped_refuses_a_model_that_cannot_be_restricted(db) -> None:
    with pytest.raises(UnrestrictedQuerySetError):
        scoped(None, Group)
