"""The longest publication period ends the record on its own date, never moved past rest days
(a burden on the entity), and a daily job stops it the day after; the period computation never
puts the end before the minimum."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core.clock import statutes
from fazhi.core.clock.calendar import get_calendar
from fazhi.domains.credit import periods, records
from fazhi.domains.credit.models import CreditRecord

from .conftest import commitment

pytestmark = pytest.mark.django_db


def test_the_daily_job_stops_a_record_after_its_last_day(org, people, company) -> None:
    # 2025-03-08 + 3 years = 2028-03-08, a Wednesday; the record shows through that day.
    record = commitment(org, people, company, date(2025, 3, 8))
    assert record.publish_until == date(2028, 3, 8)
    assert records.expire_records(date(2028, 3, 8)) == 0
    assert records.expire_records(date(2028, 3, 9)) == 1
    record.refresh_from_db()
    assert record.state == "expired" and record.ended_on == date(2028, 3, 9)
    assert not record.in_force_on(date(2028, 3, 9)) and record.in_force_on(date(2028, 3, 8))


def test_an_end_on_a_rest_day_is_not_moved(org, people, company) -> None:
    # 2026-05-09 + 1 year = 2027-05-09, a Sunday: the burden ends that day.
    record = commitment(org, people, company, date(2026, 5, 9))
    assert record.publish_until == date(2027, 5, 9)
    assert not get_calendar().is_workday(date(2027, 5, 9))


SEVERITIES = st.sampled_from(["minor", "general", "serious"])
DATES = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=60)
@given(on=DATES, severity=SEVERITIES, field=st.sampled_from([None, "食品", "消防"]))
def test_the_end_is_never_before_the_minimum_nor_moved(on, severity, field) -> None:
    end = periods.record_periods(on, severity=severity, field=field)
    assert end.until > on
    if end.earliest is not None:
        assert on < end.earliest <= end.until
    else:
        assert on >= periods.MEASURES_2026 and severity == "minor"
    _, max_key = statutes.credit_publication_keys(
        max(on, periods.FIRST_MEASURES), field=field, severity=severity
    )
    period, _ = statutes.period_in_force(max_key, max(on, periods.FIRST_MEASURES))
    # The last day is the calendar date the period reaches, whatever day of the week it is.
    computed = statutes.compute_statutory(max_key, max(on, periods.FIRST_MEASURES))
    assert computed.due == computed.unrolled_due
    assert end.until - on <= timedelta(days=366 * period.amount + 1) or period.unit != "years"


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(on=st.dates(min_value=date(2023, 5, 1), max_value=date(2029, 12, 31)), severity=SEVERITIES)
def test_expiry_happens_on_the_day_after_the_maximum_exactly(
    org, people, company, on, severity
) -> None:
    record = commitment(org, people, company, on, severity)
    last = record.publish_until
    records.expire_records(last)
    assert CreditRecord.objects.get(pk=record.pk).state == "published"
    records.expire_records(last + timedelta(days=1))
    record.refresh_from_db()
    assert record.state == "expired" and record.ended_on == last + timedelta(days=1)
