"""The quarterly bulletin of heads' court appearances (counted from the hearings, Word, portal
through the gate, no plaintiff data) and the yearly loss rate per department."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.workflow import take
from fazhi.core.disclosure.models import Publication
from fazhi.domains.disputes.litigation import bulletin
from fazhi.domains.disputes.models import AppearanceBulletin, LawsuitDefendant

from .litigation_helpers import hearing, sue

pytestmark = pytest.mark.django_db

Q2_DONE = date(2019, 7, 10)


@pytest.fixture
def sessions(org: Any, people: Any) -> Any:
    """Q2 2019: the market regulator at three sessions (head at two: a deputy and a leader in
    charge), the city government as co-defendant at one (its legal office's staff); one session
    in Q3 that the Q2 bulletin must leave out."""
    one = sue(org, people.alice, reconsideration_body=org.city.pk)
    hearing(one, people.alice, org.scjg, date(2019, 4, 16), "deputy", post="副局长")
    hearing(
        one, people.alice, org.city, date(2019, 4, 16), "staff",
        absence_reason="irreplaceable_duty", post="法制办科长",
    )  # fmt: skip
    hearing(one, people.alice, org.scjg, date(2019, 5, 30), "leader_in_charge")
    two = sue(org, people.alice, court_number="(2019)鄂0704行初19号")
    hearing(
        two, people.alice, org.scjg, date(2019, 6, 28), "staff",
        absence_reason="accident", post="法规科科长",
    )  # fmt: skip
    hearing(two, people.alice, org.scjg, date(2019, 7, 2), "principal")
    return one, two


def test_the_quarter_is_counted_per_department(org: Any, sessions: Any) -> None:
    rows = bulletin.quarter_rows(org.sfj, 2019, 2)
    by_name = {r["department"]: r for r in rows}
    assert set(by_name) == {org.city.name, org.scjg.name}
    scjg = by_name[org.scjg.name]
    assert (scjg["sessions"], scjg["head_sessions"], scjg["rate"]) == (3, 2, "66.7%")
    assert scjg["reasons"] == "意外事件 1次"
    city = by_name[org.city.name]
    assert (city["sessions"], city["head_sessions"], city["rate"]) == (1, 0, "0.0%")
    assert city["reasons"] == "需要履行他人不能代替的公务 1次"
    q3 = bulletin.quarter_rows(org.sfj, 2019, 3)
    assert [(r["department"], r["sessions"]) for r in q3] == [(org.scjg.name, 1)]


def test_the_bulletin_is_word_and_published_without_plaintiffs(
    org: Any, people: Any, sessions: Any
) -> None:
    made = bulletin.issue_bulletin(org.sfj, 2019, 2, actor=people.june, on=Q2_DONE)
    assert made.document is not None and made.publication is not None
    with made.document.file.open("rb") as f:
        word = docx.Document(io.BytesIO(f.read()))
    text = "\n".join(p.text for p in word.paragraphs)
    text += "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "2019年第二季度" in text and "出庭率75.0%" not in text
    assert "共参加人民法院开庭审理4次，其中行政机关负责人出庭应诉2次，出庭率50.0%" in text
    assert org.scjg.name in text and "66.7%" in text
    assert layout.check(word) == []
    pub = Publication.objects.get(pk=made.publication.pk)
    assert pub.kind == bulletin.KIND and pub.org_unit == org.sfj
    payload = str(pub.payload)
    assert "66.7%" in payload
    # No plaintiff, no person who appeared: department names and counts only.
    for private in ("张三", "甲乙有限公司", "王五"):
        assert private not in payload and private not in text


def test_a_bulletin_is_issued_once_and_only_after_its_quarter(
    org: Any, people: Any, sessions: Any
) -> None:
    with pytest.raises(ValueError, match="尚未结束"):
        bulletin.issue_bulletin(org.sfj, 2019, 2, actor=people.june, on=date(2019, 6, 30))
    first = bulletin.issue_bulletin(org.sfj, 2019, 2, actor=people.june, on=Q2_DONE)
    again = bulletin.issue_bulletin(org.sfj, 2019, 2, actor=people.june, on=date(2019, 7, 11))
    assert first.pk == again.pk
    assert AppearanceBulletin.objects.unrestricted("test").count() == 1


def test_only_the_justice_bureau_issues(org: Any, people: Any, sessions: Any) -> None:
    with pytest.raises(PermissionDenied):
        bulletin.issue_bulletin(org.scjg, 2019, 2, actor=people.alice, on=Q2_DONE)
    with pytest.raises(PermissionDenied):
        bulletin.issue_bulletin(org.sfj, 2019, 2, actor=people.carol, on=Q2_DONE)


def test_the_loss_rate_counts_the_year_concluded_lawsuits(org: Any, people: Any) -> None:
    lost = sue(org, people.alice)
    take(lost, "judge", people.alice, data={"decision_type": "judgment", "outcome": "revoked"},
         on=date(2019, 5, 6))  # fmt: skip
    take(lost, "take_effect", people.alice, on=date(2019, 5, 22))
    won = sue(org, people.alice, court_number="(2019)鄂0704行初19号")
    take(won, "withdraw", people.alice, data={}, on=date(2019, 5, 6))
    open_one = sue(org, people.alice, court_number="(2019)鄂0704行初20号")
    assert open_one.state == "first_instance"
    rates = bulletin.city_loss_rates(2019)
    assert [(r.unit, r.concluded, r.lost, r.rate) for r in rates] == [(org.scjg, 2, 1, "50.0%")]
    assert bulletin.city_loss_rates(2020) == []


def test_the_office_page_issues_and_the_portal_lists(
    client: Any, org: Any, people: Any, sessions: Any, settings: Any
) -> None:
    client.force_login(people.june)
    page = client.get("/office/disputes/litigation/bulletins/?year=2019")
    assert page.status_code == 200 and "印发通报" in page.content.decode()
    done = client.post(
        "/office/disputes/litigation/bulletins/create/", {"year": 2019, "quarter": 2}
    )
    assert done.status_code == 302
    made = AppearanceBulletin.objects.unrestricted("test").get()
    word = client.get(f"/office/disputes/litigation/bulletins/{made.pk}/docx/")
    assert word.status_code == 200 and word["Content-Disposition"].startswith("attachment")
    client.logout()
    portal = client.get("/disputes/appearance-bulletins/")
    assert portal.status_code == 200
    assert "2019年第二季度全市行政机关负责人出庭应诉情况通报" in portal.content.decode()


def test_a_department_sees_its_own_loss_rate_not_anothers(
    client: Any, org: Any, people: Any
) -> None:
    case = sue(org, people.alice)
    take(case, "withdraw", people.alice, data={}, on=date(2019, 5, 6))
    client.force_login(people.bob)
    page = client.get("/office/disputes/litigation/bulletins/?year=2019").content.decode()
    assert org.scjg.name not in page
    assert "统计、生成 Word 并公开" not in page
    client.force_login(people.alice)
    page = client.get("/office/disputes/litigation/bulletins/?year=2019").content.decode()
    assert org.scjg.name in page
    assert LawsuitDefendant.objects.restrict(people.bob, "view").count() == 0
