"""A publication keeps the date its public record says it was published (business date) apart
from the time its row was written (which sealing uses); the portal shows the business date."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fazhi.core.disclosure.gate import publish

pytestmark = pytest.mark.django_db


def penalty(org, **extra):  # type: ignore[no-untyped-def]
    return publish(
        kind="行政处罚决定",
        title="鄂州市某某商贸有限公司行政处罚决定",
        org_unit=org.scjg,
        fields={"当事人": "鄂州市某某商贸有限公司", "罚款": 5000},
        party_names=["鄂州市某某商贸有限公司"],
        **extra,
    )


def test_a_2019_penalty_keeps_its_2019_publication_date(org) -> None:
    pub = penalty(org, published_on=date(2019, 10, 15), statutory_deadline=date(2019, 10, 15))
    assert pub.published_on == date(2019, 10, 15)
    assert pub.published_at.year > 2019  # the row is written now
    assert pub.on_time is True  # judged by the date it was published, not recorded


def test_the_publication_date_defaults_to_today(org) -> None:
    assert penalty(org).published_on == timezone.localdate()


def test_the_portal_shows_the_business_date(client, org) -> None:
    pub = penalty(org, published_on=date(2019, 10, 15))
    page = client.get(f"/publications/{pub.pk}/").content.decode()
    assert "2019-10-15" in page
    assert "2019-10-15" in client.get("/").content.decode()
