"""法制审核人员的法律职业资格 (行政处罚法 第五十八条第二款): a certificate number needs the date it
was obtained, and the admin shows both."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_number_without_a_date_is_refused(people) -> None:
    people.alice.legal_qualification_no = "A20184201000001"
    with pytest.raises(ValidationError) as err:
        people.alice.full_clean()
    assert "legal_qualified_on" in err.value.message_dict


def test_a_date_without_a_number_is_refused(people) -> None:
    people.alice.legal_qualified_on = date(2018, 12, 1)
    with pytest.raises(ValidationError) as err:
        people.alice.full_clean()
    assert "legal_qualification_no" in err.value.message_dict


def test_a_date_in_the_future_is_refused(people) -> None:
    people.alice.legal_qualification_no = "A20184201000001"
    people.alice.legal_qualified_on = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        people.alice.full_clean()
    assert "legal_qualified_on" in err.value.message_dict


def test_a_number_with_its_date_is_accepted_and_both_are_optional(people) -> None:
    people.bob.full_clean()  # neither: an ordinary staff member
    people.alice.legal_qualification_no = "A20184201000001"
    people.alice.legal_qualified_on = date(2018, 12, 1)
    people.alice.full_clean()


def test_the_admin_shows_and_validates_the_qualification(client, people) -> None:
    people.alice.legal_qualification_no = "A20184201000001"
    people.alice.legal_qualified_on = date(2018, 12, 1)
    people.alice.save()
    client.force_login(people.sam)
    listing = client.get("/admin/org/staff/").content.decode()
    assert "法律职业资格证书编号" in listing and "A20184201000001" in listing
    url = f"/admin/org/staff/{people.bob.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "is_active": "on",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "legal_qualification_no": "A20184201000002",
            "legal_qualified_on": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "请同时填写取得资格的日期" in response.content.decode()
