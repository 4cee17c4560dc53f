"""One way to show a value (fazhi.core.org.display): the back office, the portal, the import
engine's exports and the lists all read values through it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import FieldDoesNotExist

from fazhi.core.org.display import field_label, field_value, model_field, show
from fazhi.core.org.models import Entity, Staff
from tests.conftest import make_entity


def test_a_choice_shows_its_label(org) -> None:
    entity = make_entity(org, kind="company")
    assert field_value(entity, "kind") == "企业"


def test_a_date_shows_as_iso(org) -> None:
    entity = make_entity(org)
    assert field_value(entity, "registered_on") == "2015-01-01"


def test_a_path_follows_relations(org) -> None:
    entity = make_entity(org)
    assert field_value(entity, "region__name") == "鄂城区"


def test_a_missing_relation_shows_empty(org) -> None:
    assert field_value(org.province, "parent__name") == ""  # the province has no parent


def test_yes_no_and_nothing() -> None:
    assert (show(True), show(False), show(None)) == ("是", "否", "")


def test_a_time_shows_in_local_time() -> None:
    # Asia/Shanghai is UTC+8.
    assert show(datetime(2024, 3, 1, 2, 30, tzinfo=UTC)) == "2024-03-01 10:30"


def test_numbers_stay_numbers() -> None:
    assert show(3) == 3 and show(date(2024, 1, 2)) == "2024-01-02"


def test_a_header_is_the_first_field_s_verbose_name() -> None:
    assert field_label(Entity, "region__name") == "登记辖区"


def test_a_reverse_relation_is_not_a_model_field() -> None:
    with pytest.raises(FieldDoesNotExist):
        model_field(Staff, "api_tokens")
