"""执法公示 after the decision: the rules by date and sector, the deadlines they start, the end of
publication by the credit rules, withdrawal within 3 working days, and what supervision counts
as owed and not published (行政处罚法 第四十八条; STATUTES.md B8, D3, K1–K3, K5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from fazhi.core.casework.collection import COLLECTED_KIND
from fazhi.core.casework.models import Case, Event, Party
from fazhi.core.casework.workflow import TransitionError, open_case, register_case, take
from fazhi.core.disclosure.models import OutboxMessage, Publication
from fazhi.domains.enforcement import publicity
from fazhi.domains.enforcement.models import DepartmentSector, EnforcementCase, PublicationRule

from ..conftest import make_entity
from .conftest import officer

pytestmark = pytest.mark.django_db
PUBLICITY_KEYS = ["enforcement.licensing_penalty_publicity", "market.penalty_publicity"]


def _entity(org: Any) -> Any:
    from fazhi.core.org.models import Entity

    return Entity.objects.filter(name="鄂州市甲乙有限公司").first() or make_entity(org)


def decided(org: Any, people: Any, item: Any, on: date, fine: str | None = "5000") -> Case:
    """A market-regulation penalty case of the handled workflow, decided on ``on`` (filed,
    investigated and notified two weeks before)."""
    start = date.fromordinal(on.toordinal() - 14)
    pair = [officer(org, "周一", f"4207{on:%m%d}1"), officer(org, "吴二", f"4207{on:%m%d}2")]
    case = register_case(
        "penalty",
        people.alice,
        {"title": "销售过期食品案", "power_item": item.pk,
         "violation_on": date.fromordinal(start.toordinal() - 30).isoformat(), "facts": "举报"},
        on=start,
    )  # fmt: skip
    Party.objects.create(case=case, role="party", entity=_entity(org))
    take(case, "file", people.henry, on=start)
    take(
        case,
        "investigate",
        people.alice,
        data={"officer_a": pair[0].pk, "officer_b": pair[1].pk, "findings": "属实"},
        on=start,
    )
    # 市场监管: the notice carries the reviewed penalty, so the review comes first.
    people.rita.legal_qualification_no = "A20184201000001"
    people.rita.save()
    take(case, "review", people.rita, data={"opinion": "同意"}, on=start)
    take(case, "notify", people.alice, on=start)
    data = {"decision": "罚款" if fine else "警告", "fine": fine or ""}
    take(case, "decide", people.henry, data=data, on=on)
    return case


def collected(org: Any, unit: Any, decided_on: date, **fields: Any) -> Case:
    """A decision collected from a sector system (归集), as the collection writes it."""
    case = open_case(
        COLLECTED_KIND,
        title="超标排放大气污染物案",
        owner=unit,
        source_system="生态环境执法系统",
        external_id=f"HB-{decided_on:%Y%m%d}",
        opened_on=date(decided_on.year, 1, 2),
    )
    EnforcementCase.objects.create(
        case=case,
        violation_on=date(decided_on.year, 1, 1),
        outcome="penalty",
        penalty_type=fields.pop("penalty_type", "fine"),
        procedure=fields.pop("procedure", "ordinary"),
        decided_on=decided_on,
        fine=Decimal("100000"),
        decision_no=f"鄂环罚〔{decided_on.year}〕{decided_on:%m%d}号",
        **fields,
    )
    return case


# -- the rules -----------------------------------------------------------------------------------


def test_the_shipped_rules_are_loaded_after_migrate() -> None:
    codes = set(PublicationRule.objects.values_list("code", flat=True))
    assert {"double_publicity_penalty", "double_publicity_licensing", "market_penalty"} <= codes
    assert publicity.load_rules() == 3  # idempotent: the same rows, updated in place
    assert PublicationRule.objects.filter(code="market_penalty").count() == 1


def test_the_rule_in_force_on_the_decision_date_for_the_sector_applies() -> None:
    def codes(sector: str, on: date) -> list[str]:
        return [r.code for r in publicity.rules_in_force(sector, on)]

    # 市场监管 before the 2021 rule took effect: the general 双公示 rule.
    assert codes("market", date(2019, 6, 1)) == ["double_publicity_penalty"]
    # From 2021-09-01 the market rule supersedes it in its sector, and only there.
    assert codes("market", date(2021, 9, 1)) == ["market_penalty"]
    assert codes("ecology", date(2024, 3, 1)) == ["double_publicity_penalty"]
    # Before 118号 no rule is entered: nothing is owed.
    assert codes("ecology", date(2018, 12, 4)) == []
    assert [r.code for r in publicity.rules_in_force("", date(2024, 3, 1), "licensing")] == [
        "double_publicity_licensing"
    ]


def test_a_department_s_sector_comes_from_its_row_or_its_name(org) -> None:
    assert publicity.sectors_of([org.scjg, org.sthj, org.sfj]) == {
        org.scjg.pk: "market",
        org.sthj.pk: "ecology",
        org.sfj.pk: "other",
    }
    DepartmentSector.objects.create(department=org.sfj, sector="comprehensive")
    assert publicity.sector_of(org.sfj) == "comprehensive"


# -- on the decision ---------------------------------------------------------------------------


def test_a_2019_decision_is_due_in_7_working_days_to_credit_china(org, people, item) -> None:
    case = decided(org, people, item, date(2019, 9, 27))
    window = case.deadlines.get(key__in=PUBLICITY_KEYS)
    assert window.key == "enforcement.licensing_penalty_publicity"
    # 7 working days past the National Day holidays; Saturday 2019-10-12 was a working day.
    assert window.due == date(2019, 10, 12)
    take(case, "publicize", people.alice, on=date(2019, 10, 14))
    pub = Publication.objects.get(case=case)
    assert pub.statutory_deadline == date(2019, 10, 12) and pub.on_time is False
    window.refresh_from_db()
    assert window.status == "met" and window.met_on == date(2019, 10, 14)
    assert list(OutboxMessage.objects.filter(publication=pub).values_list("target", flat=True)) == [
        "credit_china"
    ]


def test_a_market_decision_since_2021_goes_to_gsxt_and_credit_china(org, people, item) -> None:
    case = decided(org, people, item, date(2024, 3, 13))
    assert [d.key for d in case.deadlines.filter(key__in=PUBLICITY_KEYS)] == [
        "market.penalty_publicity"
    ]
    take(case, "publicize", people.alice, on=date(2024, 4, 11))
    pub = Publication.objects.get(case=case)
    assert pub.on_time is True
    targets = set(OutboxMessage.objects.filter(publication=pub).values_list("target", flat=True))
    assert targets == {"gsxt", "credit_china"}
    assert "市场监督管理行政处罚信息公示规定" in pub.payload["公示依据"]


def test_a_market_warning_is_not_published(org, people, item) -> None:
    case = decided(org, people, item, date(2024, 3, 13), fine=None)
    assert EnforcementCase.objects.get(case=case).penalty_type == "warning"
    assert not case.deadlines.filter(key__in=PUBLICITY_KEYS).exists()
    with pytest.raises(TransitionError, match=r"不予公开.*第四十八条"):
        take(case, "publicize", people.alice, on=date(2024, 3, 15))
    assert not Publication.objects.filter(case=case).exists()


# -- end of publication --------------------------------------------------------------------------


def _ec(decided_on: date, penalty_type: str, category: str = "") -> EnforcementCase:
    return EnforcementCase(
        decided_on=decided_on, penalty_type=penalty_type, outcome="penalty", category=category
    )


@pytest.mark.parametrize(
    ("decided_on", "penalty_type", "category", "earliest", "until"),
    [
        # 2023令第58号 (until 2026-03-31), by field: 3 months / 3 years; food 1 year / 3 years.
        (date(2024, 3, 13), "fine", "", date(2024, 6, 13), date(2027, 3, 13)),
        (date(2024, 3, 13), "fine", "食品安全", date(2025, 3, 13), date(2027, 3, 13)),
        # 2025令第36号 (from 2026-04-01), by severity.
        (date(2026, 5, 6), "fine", "", date(2026, 8, 6), date(2027, 5, 6)),
        (date(2026, 5, 6), "licence", "", date(2027, 5, 6), date(2029, 5, 6)),
        (date(2026, 5, 6), "warning", "", None, date(2026, 8, 6)),
    ],
)
def test_the_end_of_publication_by_severity_and_version(
    decided_on, penalty_type, category, earliest, until
) -> None:
    end = publicity.publication_end(_ec(decided_on, penalty_type, category))
    assert (end.earliest, end.until) == (earliest, until)
    assert ("第36号" if decided_on >= date(2026, 4, 1) else "第58号") in end.basis


def test_a_decision_before_the_58_measures_ends_by_the_earliest_entered(org) -> None:
    end = publicity.publication_end(_ec(date(2019, 5, 10), "fine"))
    assert end.until == date(2022, 5, 10) and "最早规定" in end.note


def test_the_record_carries_its_end_and_leaves_the_portal_after_it(client, org, people, item):
    case = decided(org, people, item, date(2019, 9, 27))
    take(case, "publicize", people.alice, on=date(2019, 10, 8))
    pub = Publication.objects.get(case=case)
    assert pub.publish_until == date(2022, 9, 27)
    assert "2022-09-27" in pub.payload["公示期限"]
    assert not Publication.objects.current().filter(pk=pub.pk).exists()
    page = client.get(f"/publications/{pub.pk}/").content.decode()
    assert "公示期已于 2022-09-27 届满" in page and "罚款金额" not in page
    recent = decided(org, people, item, date(2024, 3, 13))
    take(recent, "publicize", people.alice, on=date(2024, 3, 20))
    assert Publication.objects.current().filter(case=recent).exists()


# -- withdrawal ----------------------------------------------------------------------------------


CHANGE = {
    "change": "revoked",
    "authority": "鄂州市人民政府",
    "document_no": "鄂州政复决字〔2024〕3号",
    "reason": "认定事实不清，撤销原处罚决定",
}


def _published(org: Any, people: Any, item: Any) -> Case:
    case = decided(org, people, item, date(2024, 3, 13))
    take(case, "publicize", people.alice, on=date(2024, 3, 20))
    return case


def test_withdrawal_within_three_working_days(org, people, item) -> None:
    case = _published(org, people, item)
    with pytest.raises(TransitionError, match="请先登记变更或撤销"):
        take(case, "withdraw_publication", people.alice, data={"reason": "x"}, on=date(2024, 5, 6))
    take(case, "change_decision", people.alice, data=CHANGE, on=date(2024, 4, 30))
    window = case.deadlines.get(key="penalty.publicity_withdrawal")
    assert window.due == date(2024, 5, 8)  # 3 working days past the May Day holidays
    reason = "原处罚决定已被行政复议决定撤销"
    take(case, "withdraw_publication", people.alice, data={"reason": reason}, on=date(2024, 5, 6))
    pub = Publication.objects.get(case=case)
    assert pub.withdrawn and pub.withdrawal.withdrawn_on == date(2024, 5, 6)
    window.refresh_from_db()
    assert window.status == "met" and window.met_on <= window.due
    assert OutboxMessage.objects.filter(publication=pub, payload__action="withdraw").count() == 2
    lateness = publicity.publication_lateness([org.scjg], 2024)[org.scjg.pk]
    assert (lateness.withdrawals, lateness.withdrawals_late) == (1, 0)


def test_a_late_withdrawal_is_recorded_as_late(org, people, item) -> None:
    case = _published(org, people, item)
    take(case, "change_decision", people.alice, data=CHANGE, on=date(2024, 5, 6))
    take(
        case,
        "withdraw_publication",
        people.alice,
        data={"reason": "原处罚决定已被撤销"},
        on=date(2024, 5, 10),
    )
    window = case.deadlines.get(key="penalty.publicity_withdrawal")
    assert window.due == date(2024, 5, 9) and window.met_on == date(2024, 5, 10)
    met = Event.objects.get(case=case, kind="deadline_met", data__key=window.key)
    assert met.data["late"] is True
    lateness = publicity.publication_lateness([org.scjg], 2024)[org.scjg.pk]
    assert (lateness.published, lateness.late) == (1, 0)
    assert (lateness.withdrawals, lateness.withdrawals_late) == (1, 1)


def test_an_overdue_withdrawal_still_owed_counts_as_late(org, people, item) -> None:
    case = _published(org, people, item)
    take(case, "change_decision", people.alice, data=CHANGE, on=date(2024, 5, 6))
    late = publicity.publication_lateness([org.scjg], 2024, today=date(2024, 5, 10))
    assert late[org.scjg.pk].withdrawals_late == 1
    on_day = publicity.publication_lateness([org.scjg], 2024, today=date(2024, 5, 9))
    assert on_day[org.scjg.pk].withdrawals_late == 0


# -- what supervision counts ----------------------------------------------------------------------


def test_a_collected_decision_without_a_publication_is_missing(
    org, people, item, django_assert_num_queries
) -> None:
    hb = collected(org, org.sthj, date(2019, 5, 10))
    collected(org, org.sthj, date(2019, 6, 3), procedure="simplified")  # not owed
    collected(org, org.sthj, date(2018, 6, 3))  # another year
    handled = decided(org, people, item, date(2019, 9, 27))
    departments = [org.scjg, org.sthj, org.sfj]
    with django_assert_num_queries(3):
        missing = publicity.missing_publications(departments, 2019)
    assert missing == {org.scjg.pk: 1, org.sthj.pk: 1, org.sfj.pk: 0}
    publicity.publish_decision(hb, on=date(2019, 5, 20))
    take(handled, "publicize", people.alice, on=date(2019, 10, 8))
    assert publicity.missing_publications(departments, 2019) == {
        org.scjg.pk: 0,
        org.sthj.pk: 0,
        org.sfj.pk: 0,
    }
    assert Publication.objects.get(case=hb).on_time is True


def test_a_market_warning_and_a_revoked_decision_are_not_owed(org, people, item) -> None:
    decided(org, people, item, date(2024, 3, 13), fine=None)  # 市场监管: a warning is not
    revoked = decided(org, people, item, date(2024, 3, 14))
    assert publicity.missing_publications([org.scjg], 2024) == {org.scjg.pk: 1}
    take(revoked, "change_decision", people.alice, data=CHANGE, on=date(2024, 3, 20))
    assert publicity.missing_publications([org.scjg], 2024) == {org.scjg.pk: 0}
    # The publicity deadline no longer runs for a revoked decision never published.
    assert revoked.deadlines.get(key="market.penalty_publicity").status == "cancelled"


def test_a_collected_decision_is_listed_and_published_from_the_back_office(client, org, people):
    hb = collected(org, org.sthj, date(2019, 5, 10))
    client.force_login(people.bob)
    listed = client.get(f"/office/enforcement/publicity/{org.sthj.code}/decisions/?year=2019")
    assert hb.title in listed.content.decode()
    ec = EnforcementCase.objects.get(case=hb)
    # Another department's clerk may not publish it.
    client.force_login(people.alice)
    url = f"/office/enforcement/publicity/decisions/{ec.pk}/publish/"
    assert client.post(url).status_code == 403
    client.force_login(people.bob)
    client.post(url)
    pub = Publication.objects.get(case=hb)
    assert pub.payload["决定书文号"] == ec.decision_no and pub.publish_until == date(2022, 5, 10)
    assert publicity.missing_publications([org.sthj], 2019) == {org.sthj.pk: 0}


def test_the_decision_carries_its_publication_until_withdrawn(org, people, item) -> None:
    """``published_on`` and ``publication_due`` on the decision (what supervision counts) follow
    the publication and its withdrawal."""
    case = _published(org, people, item)  # decided 2024-03-13, published 2024-03-20
    ec = EnforcementCase.objects.get(case=case)
    pub = Publication.objects.get(case=case)
    # 市场监管 since 2021: 20 working days from the decision, as the publicity deadline ran.
    assert ec.published_on == date(2024, 3, 20)
    assert ec.publication_due == pub.statutory_deadline == date(2024, 4, 11)
    take(case, "change_decision", people.alice, data=CHANGE, on=date(2024, 4, 30))
    take(case, "withdraw_publication", people.alice, data={"reason": "已撤销"}, on=date(2024, 5, 6))
    ec.refresh_from_db()
    assert ec.published_on is None and ec.publication_due == date(2024, 4, 11)


def test_a_late_publication_through_the_gate_is_counted_late(org, people) -> None:
    """Any penalty publication written by the disclosure gate keeps the decision's copy — here
    one recorded directly (as a historical import does), after the rules' 7 working days."""
    from fazhi.core.disclosure.gate import publish
    from fazhi.domains.enforcement import supervision_stats

    hb = collected(org, org.sthj, date(2019, 5, 10))
    ec = EnforcementCase.objects.get(case=hb)
    assert (ec.published_on, ec.publication_due) == (None, None)
    publish(kind=publicity.PENALTY_KIND, title=hb.title, org_unit=org.sthj, case=hb,
            fields={"决定书文号": ec.decision_no}, published_on=date(2019, 6, 20))  # fmt: skip
    ec.refresh_from_db()
    # 国办发〔2018〕118号: 7 working days from 2019-05-10, whatever the record itself says.
    assert (ec.published_on, ec.publication_due) == (date(2019, 6, 20), date(2019, 5, 21))
    (row,) = supervision_stats.publication(people.carol, 2019, date(2019, 12, 31))
    assert row.counts == {"due": 1, "published": 1, "late": 1, "missing": 0}
