"""Urban-management matters: the import in the urban-management system's layout (errors in
Chinese, nothing written with an error, a re-import creates nothing), the resolution as one
state change (721), the shares per year and department, and who sees what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from fazhi.core.casework.workflow import StepRefused, TransitionError
from fazhi.core.org.scoping import scoped
from fazhi.domains.enforcement import city
from fazhi.domains.enforcement.city_figures import rounded_down
from fazhi.domains.enforcement.models import UrbanMatter

from .city_fixtures import City, make_city, run_import, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "事项编号",
    "问题类型",
    "发生地点",
    "所在社区",
    "发现日期",
    "专项行动",
    "面积（平方米）",
    "问题描述",
]


@pytest.fixture
def c(org: Any) -> City:
    return make_city(org)


def matter(unit: Any, no: str, kind: str = "street_occupation", **extra: Any) -> UrbanMatter:
    fields = {"place": "南浦路1号", "found_on": date(2019, 5, 6), **extra}
    return UrbanMatter.objects.create(department=unit, record_no=no, kind=kind, **fields)


def test_an_import_with_errors_writes_nothing_and_says_why_in_chinese(c: City) -> None:
    rows = [
        [
            "CG-1",
            "出店占道经营",
            "南浦路1号",
            None,
            "2019-05-06",
            "城区出店占道经营专项整治",
            None,
            "占道",
        ],
        ["CG-2", "违法广告", "古城路2号", None, "2019-05-07", None, None, "广告牌"],
        ["CG-1", "乱牵乱挂", "寒溪路3号", None, "2019-05-08", None, None, None],
        ["CG-4", "乱丢垃圾", "寒溪路4号", "不存在社区", "2019-13-01", None, -5, None],
    ]
    job = run_import("urban-matters", c.cgw, c.gina, xlsx(HEADER, rows))
    assert job.status == "rejected"
    assert not UrbanMatter.objects.exists()
    reasons = {(row, column): reason for row, column, reason in job.errors}
    assert reasons[(3, "面积（平方米）")] == "“违法广告”须填写面积"
    assert "与第2行的事项编号“CG-1”重复" in reasons[(4, "事项编号")]
    assert "可选" in reasons[(5, "问题类型")] or "不是" in reasons[(5, "问题类型")]
    assert "不是有效日期" in reasons[(5, "发现日期")]
    assert job.error_file  # the error workbook the clerk corrects and imports again


def test_a_good_import_creates_the_matters_and_a_second_creates_nothing(c: City) -> None:
    rows = [
        [
            "CG-1",
            "出店占道经营",
            "南浦路1号",
            None,
            "2019-05-06",
            "城区出店占道经营专项整治",
            None,
            None,
        ],
        ["CG-2", "违法广告", "古城路2号", None, "2019-05-07", None, 120.5, "广告牌"],
    ]
    data = xlsx(HEADER, rows)
    job = run_import("urban-matters", c.cgw, c.gina, data)
    assert (job.status, job.created) == ("done", 2)
    ad = UrbanMatter.objects.get(record_no="CG-2")
    assert (ad.department, ad.kind, ad.area) == (c.cgw, "illegal_ad", Decimal("120.50"))
    again = run_import("urban-matters", c.cgw, c.gina, data)
    assert (again.status, again.created, again.unchanged) == ("done", 0, 2)
    assert UrbanMatter.objects.count() == 2


def test_resolving_is_one_state_change_that_refuses_what_it_cannot_do(c: City) -> None:
    a, b = matter(c.cgw, "A"), matter(c.cgw, "B")
    assert city.resolve([a, b], "service", actor=c.gina, on=date(2019, 5, 10)) == 2
    with pytest.raises(TransitionError, match="已服务解决，不能再处置"):
        city.resolve([a], "management", actor=c.gina, on=date(2019, 5, 11))
    d = matter(c.cgw, "D")
    with pytest.raises(TransitionError, match="须关联执法案件"):
        city.resolve([d], "enforcement", actor=c.gina, on=date(2019, 5, 11))
    with pytest.raises(TransitionError, match="早于发现日期"):
        city.resolve([d], "management", actor=c.gina, on=date(2019, 5, 1))
    # A lead of another department cannot be the matter's case.
    other = matter(c.ec_cgj, "E")
    lead = city.open_lead(other, actor=c.ed, on=date(2019, 5, 7))
    with pytest.raises(TransitionError, match="须由其处置部门承办"):
        city.resolve([d], "enforcement", actor=c.gina, on=date(2019, 5, 11), case=lead)
    # Only the department's clerk or officer opens its leads.
    with pytest.raises(StepRefused, match="本部门"):
        city.open_lead(d, actor=c.ed, on=date(2019, 5, 7))
    own = city.open_lead(d, actor=c.gina, on=date(2019, 5, 7))
    city.resolve([d], "enforcement", actor=c.gina, on=date(2019, 5, 11), case=own)
    d.refresh_from_db()
    assert (d.resolution, d.case, d.resolved_by) == ("enforcement", own, c.gina)
    assert own.kind == "penalty" and own.state == "lead" and own.owner_unit() == c.cgw


def test_the_721_shares_are_counted_per_year_and_department(c: City) -> None:
    on = date(2019, 6, 1)
    ids = [matter(c.cgw, f"S{n}").pk for n in range(7)]
    city.resolve(ids, "service", actor=c.gina, on=on)
    city.resolve(
        [matter(c.cgw, "M1").pk, matter(c.cgw, "M2").pk], "management", actor=c.gina, on=on
    )
    m = matter(c.cgw, "F1")
    city.resolve([m], "enforcement", actor=c.gina, on=on, case=city.open_lead(m, actor=c.gina))
    # Another department, another year, and a pending matter do not count.
    city.resolve([matter(c.ec_cgj, "X").pk], "service", actor=c.ed, on=on)
    city.resolve([matter(c.cgw, "Y").pk], "management", actor=c.gina, on=date(2020, 1, 2))
    matter(c.cgw, "P")

    shares = city.shares(2019, c.cgw)
    assert (shares.service, shares.management, shares.enforcement) == (7, 2, 1)
    assert [shares.percent(h) for h in ("service", "management", "enforcement")] == [70, 20, 10]
    assert city.shares(2019).total == 11
    table = dict(city.shares_by_department(UrbanMatter.objects.all(), 2019))
    assert table["鄂州市鄂城区城市管理执法局"].service == 1
    # Whole percent, half up; "余" rounds down.
    assert city.Shares(1, 1, 0).percent("service") == 50
    assert city.Shares(2, 1, 0).percent("service") == 67
    assert city.Shares(0, 0, 0).percent("service") == 0
    assert (rounded_down(683, 10), rounded_down(12046, 1000), rounded_down(8, 1)) == (680, 12000, 8)


def test_who_sees_and_who_resolves_a_matter(c: City, people: Any) -> None:
    m = matter(c.ec_cgj, "E-1")
    assert list(scoped(c.ed, UrbanMatter)) == [m]
    assert not scoped(c.gina, UrbanMatter).exists()  # the city commission is not the district's
    assert scoped(people.carol, UrbanMatter).get() == m  # the city's supervisor, above it
    assert scoped(people.dave, UrbanMatter).get() == m  # the district's supervisor
    assert not scoped(people.carol, UrbanMatter, "change").exists()

    client = Client()
    client.force_login(c.gina)
    assert client.get(f"/office/enforcement/city/matters/{m.pk}/").status_code == 404
    client.force_login(people.carol)
    page = client.get(f"/office/enforcement/city/matters/{m.pk}/")
    assert page.status_code == 200 and "处置方式" in page.content.decode()
    assert 'action="/office/enforcement/city/matters/' not in page.content.decode()
    refused = client.post(f"/office/enforcement/city/matters/{m.pk}/resolve/", {"how": "service"})
    assert refused.status_code == 403
    client.force_login(c.ed)
    done = client.post(
        f"/office/enforcement/city/matters/{m.pk}/resolve/",
        {"how": "service", "on": "2019-05-08", "note": "劝导后自行整改"},
    )
    assert done.status_code == 302
    m.refresh_from_db()
    assert (m.resolution, m.resolved_on, m.resolved_by) == ("service", date(2019, 5, 8), c.ed)
    shares = client.get("/office/enforcement/city/matter-shares/?year=2019")
    assert "鄂州市鄂城区城市管理执法局" in shares.content.decode()


def test_a_campaigns_matters_are_resolved_together_by_their_numbers(c: City) -> None:
    for n in range(3):
        matter(c.cgw, f"B-{n}")
    other = matter(c.ec_cgj, "B-X")
    client = Client()
    client.force_login(c.gina)
    url = "/office/enforcement/city/matters/resolve/"
    refused = client.post(url, {"numbers": "B-0\nB-X", "how": "service", "on": "2019-05-10"})
    assert refused.status_code == 400 and "找不到或无权处置的事项：B-X" in refused.content.decode()
    assert not UrbanMatter.objects.exclude(resolution="pending").exists()
    done = client.post(url, {"numbers": "B-0\nB-1\n B-2 ", "how": "management", "on": "2019-05-10"})
    assert done.status_code == 302
    assert city.shares(2019, c.cgw).management == 3
    other.refresh_from_db()
    assert other.resolution == "pending"


def test_a_staff_resolution_is_in_the_change_log(c: City) -> None:
    from fazhi.core.integrity.models import AuditEntry

    m = matter(c.cgw, "L-1")
    city.resolve([m], "service", actor=c.gina, on=date(2019, 5, 10))
    entry = AuditEntry.objects.get_for_object(m).latest("timestamp")
    assert entry.changes_dict["resolution"] == ["pending", "service"]
