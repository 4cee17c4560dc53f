"""restrict(user, action): an org unit sees only the records it takes part in; supervisors
see their government's subtree; request paths fail closed."""

from __future__ import annotations

import pytest

from fazhi.core.casework.models import Case, Deadline, Participant
from fazhi.core.casework.workflow import open_case
from fazhi.core.integrity.models import SecurityEvent
from fazhi.core.org.scoping import UnrestrictedQuerySetError, ensure_restricted

from . import kinds  # noqa: F401  registers the test kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(org, people):  # type: ignore[no-untyped-def]
    city_case = open_case("test", number="SCJG-1", title="市局案件", owner=org.scjg)
    ecology_case = open_case("test", number="STHJ-1", title="生态案件", owner=org.sthj)
    district_case = open_case("test", number="EC-1", title="区局案件", owner=org.ec_scjg)
    joint_case = open_case(
        "test",
        number="JOINT-1",
        title="联合检查",
        owner=org.scjg,
        extra_participants=[(org.sthj, "co_inspector")],
    )
    committee_case = open_case("test", number="FY-1", title="复议案件", owner=org.sfj)
    Participant.objects.create(case=committee_case, staff=people.erin, role="committee_member")
    return {
        "city": city_case,
        "ecology": ecology_case,
        "district": district_case,
        "joint": joint_case,
        "committee": committee_case,
    }


def numbers(qs) -> set[str]:  # type: ignore[no-untyped-def]
    return set(qs.values_list("number", flat=True))


def test_a_clerk_sees_only_cases_their_department_takes_part_in(people, cases) -> None:
    assert numbers(Case.objects.restrict(people.alice)) == {"SCJG-1", "JOINT-1"}
    assert numbers(Case.objects.restrict(people.bob)) == {"STHJ-1", "JOINT-1"}


def test_a_city_supervisor_sees_the_city_and_the_districts_below(people, cases) -> None:
    assert numbers(Case.objects.restrict(people.carol)) == {
        "SCJG-1",
        "STHJ-1",
        "EC-1",
        "JOINT-1",
        "FY-1",
    }


def test_a_district_supervisor_sees_only_the_district(people, cases) -> None:
    assert numbers(Case.objects.restrict(people.dave)) == {"EC-1"}


def test_a_supervisor_may_view_but_not_change_a_departments_case(people, cases) -> None:
    assert numbers(Case.objects.restrict(people.carol, "change")) == {"FY-1"}


def test_a_committee_member_sees_only_the_cases_assigned_to_her(people, cases) -> None:
    assert numbers(Case.objects.restrict(people.erin)) == {"FY-1"}
    assert numbers(Case.objects.restrict(people.erin, "change")) == set()


def test_administrators_and_the_public_see_no_business_records(people, cases) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert numbers(Case.objects.restrict(people.sam)) == set()
    assert numbers(Case.objects.restrict(people.audrey)) == set()
    assert numbers(Case.objects.restrict(AnonymousUser())) == set()


def test_records_hanging_off_a_case_follow_the_case(people, cases) -> None:
    from fazhi.core.casework.models import Event

    seen = set(Event.objects.restrict(people.bob).values_list("case__number", flat=True))
    assert seen == {"STHJ-1", "JOINT-1"}


def test_an_unrestricted_queryset_on_a_request_path_is_an_error_under_test(people, cases) -> None:
    with pytest.raises(UnrestrictedQuerySetError):
        ensure_restricted(Case.objects.all())


def test_in_production_an_unrestricted_queryset_is_empty(people, cases, settings) -> None:
    settings.FAZHI_STRICT_SCOPING = False
    assert ensure_restricted(Case.objects.all()).count() == 0


def test_restriction_survives_chaining(people, cases) -> None:
    qs = Case.objects.restrict(people.alice).filter(title__contains="案件").order_by("number")
    assert ensure_restricted(qs).count() == 1


def test_system_code_says_why_and_is_audited(people, cases) -> None:
    qs = Deadline.objects.unrestricted("测试：系统任务")
    assert ensure_restricted(qs) is not None
    event = SecurityEvent.objects.filter(kind="system_access").latest("id")
    assert event.data == {"reason": "测试：系统任务"}
    with pytest.raises(ValueError):
        Case.objects.unrestricted("  ")
