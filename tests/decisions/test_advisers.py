"""Legal advisers: contracts with agencies and villages, work logs and yearly evaluations,
coverage checks, and the public directory where residents find (and reach) their village's
adviser through the disclosure gate."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.workflow import TransitionError
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Government, Region
from fazhi.domains.decisions import advisers
from fazhi.domains.decisions.models import AdviserMessage, AdviserRound
from tests.conftest import make_staff


@pytest.fixture
def town(world):
    township = Government.objects.create(
        name="泽林镇", code="420704100000", level="township", parent=world.org.district
    )
    villages = [
        Region.objects.create(kind="village", name=name, government=township)
        for name in ("泽林村", "万秀村")
    ]
    third = AdviserRound.objects.create(
        owner_unit=world.org.sfj, number=3, name="第三轮", start=date(2019, 4, 1)
    )
    return township, villages, third


def test_contracts_logs_and_evaluations(world, town) -> None:
    w = world
    _township, (zelin, wanxiu), third = town
    contract = advisers.sign_contract(
        w.adviser,
        contract_no="顾问村〔2019〕001号",
        signed_on=date(2019, 3, 28),
        start=date(2019, 4, 1),
        end=date(2022, 3, 31),
        region=zelin,
        round=third,
    )
    assert contract.firm == "湖北楚天律师事务所" and contract.assignment.region == zelin
    with pytest.raises(TransitionError) as both:
        advisers.sign_contract(
            w.adviser,
            contract_no="x",
            signed_on=date(2019, 1, 1),
            start=date(2019, 1, 1),
            end=date(2019, 12, 31),
            org_unit=w.org.scjg,
            region=wanxiu,
        )
    assert "一个机关，或一个村（社区）" in str(both.value)
    with pytest.raises(TransitionError):
        advisers.log_work(
            contract.assignment, on=date(2019, 3, 1), kind="consultation", summary="服务期前"
        )
    advisers.log_work(
        contract.assignment,
        on=date(2019, 5, 8),
        kind="mediation",
        count=2,
        summary="调解土地承包纠纷",
    )
    advisers.log_work(
        contract.assignment, on=date(2019, 6, 8), kind="consultation", count=5, summary="法律咨询"
    )
    assert advisers.work_summary(
        contract.assignment.__class__.objects.filter(pk=contract.assignment.pk), 2019
    ) == {"mediation": 2, "consultation": 5}
    evaluation = advisers.evaluate(
        contract.assignment, year=2019, grade="excellent", on=date(2019, 12, 20)
    )
    assert evaluation.evaluator == "泽林村"
    with pytest.raises(TransitionError):
        advisers.evaluate(contract.assignment, year=2018, grade="competent", on=date(2019, 1, 5))


def test_coverage_finds_agencies_and_villages_without_an_adviser(world, town) -> None:
    w = world
    township, (zelin, wanxiu), third = town
    on = date(2019, 6, 30)
    missing = set(advisers.agencies_without_adviser(w.org.city, on))
    assert {w.org.city, w.org.scjg, w.org.sfj, w.org.district} <= missing
    assert township not in missing  # townships' advisers are counted with their villages
    advisers.sign_contract(
        w.adviser,
        contract_no="顾问机关〔2019〕001号",
        signed_on=date(2019, 1, 1),
        start=date(2019, 1, 1),
        end=date(2019, 12, 31),
        org_unit=w.org.scjg,
    )
    assert w.org.scjg not in set(advisers.agencies_without_adviser(w.org.city, on))
    assert w.org.scjg in set(advisers.agencies_without_adviser(w.org.city, date(2020, 1, 2)))
    advisers.sign_contract(
        w.adviser,
        contract_no="顾问村〔2019〕001号",
        signed_on=date(2019, 3, 28),
        start=date(2019, 4, 1),
        end=date(2022, 3, 31),
        region=zelin,
        round=third,
    )
    assert list(advisers.places_without_adviser(w.org.city, on)) == [wanxiu]


def test_the_public_finds_their_villages_adviser_and_leaves_a_message(client, world, town) -> None:
    w = world
    township, (zelin, wanxiu), third = town
    advisers.sign_contract(
        w.adviser,
        contract_no="顾问村〔2019〕001号",
        signed_on=date(2019, 3, 28),
        start=date(2019, 4, 1),
        end=date(2099, 3, 31),
        region=zelin,
        round=third,
    )
    pub = advisers.publish_directory(township, on=date(2019, 4, 10), publisher=w.org.sfj)
    assert pub is not None
    row = pub.payload["法律顾问"][0]
    # Only the work contact: through the platform; the adviser's name is the record's own.
    assert row == {
        "村（社区）": "泽林村",
        "法律顾问": "李明",
        "类型": "律师",
        "执业机构": "湖北楚天律师事务所",
        "联系方式": advisers.CONTACT,
    }
    page = client.get("/decisions/advisers/", {"q": "泽林"}).content.decode()
    assert "李明" in page and "湖北楚天律师事务所" in page and "留言联系" in page
    assert "万秀村" not in page
    url = f"/decisions/advisers/{zelin.pk}/contact/"
    bad = client.post(url, {"name": "张三", "phone": "123", "message": "土地纠纷咨询"})
    assert "11位中国大陆手机号码" in bad.content.decode()
    assert not AdviserMessage.objects.exists()
    ok = client.post(url, {"name": "张三", "phone": "13871234567", "message": "土地纠纷咨询"})
    assert "留言已提交" in ok.content.decode()
    message = AdviserMessage.objects.get()
    assert message.assignment.adviser == w.adviser
    # The justice bureau that manages the adviser sees the message; another department not.
    assert AdviserMessage.objects.restrict(w.people.june).count() == 1
    assert AdviserMessage.objects.restrict(w.people.alice).count() == 0
    # A village whose directory is not published has no contact page.
    assert client.get(f"/decisions/advisers/{wanxiu.pk + 999}/contact/").status_code == 404
    # A republished directory replaces the earlier one.
    advisers.publish_directory(township, on=date(2019, 5, 1), publisher=w.org.sfj)
    assert Publication.objects.filter(kind=advisers.DIRECTORY_KIND).current().count() == 1


def test_the_coverage_page_is_the_justice_bureaus(client, world, town) -> None:
    w = world
    township, _, _ = town
    client.force_login(w.people.june)
    page = client.get("/office/decisions/advisers/coverage/", {"on": "2019-06-30"})
    assert page.status_code == 200 and "鄂州市市场监督管理局" in page.content.decode()
    client.force_login(w.people.alice)
    assert client.get("/office/decisions/advisers/coverage/").status_code == 403
    clerk = make_staff("sfj_clerk2", (Role.CLERK, w.org.sfj))
    client.force_login(clerk)
    done = client.post(f"/office/decisions/advisers/directory/{township.code}/", follow=True)
    assert "目前没有派驻法律顾问" in done.content.decode()


def test_the_client_agency_logs_work_and_evaluates_its_adviser(client, world) -> None:
    w = world
    contract = advisers.sign_contract(
        w.adviser,
        contract_no="顾问机关〔2019〕002号",
        signed_on=date(2018, 12, 28),
        start=date(2019, 1, 1),
        end=date(2021, 12, 31),
        org_unit=w.org.scjg,
    )
    url = f"/office/decisions/advisers/contracts/{contract.pk}/"
    client.force_login(w.people.alice)  # the client agency's clerk
    client.post(
        url,
        {
            "log": "1",
            "log-on": "2019-07-01",
            "log-kind": "review",
            "log-count": 3,
            "log-summary": "审查采购合同",
        },
    )
    early = client.post(
        url,
        {
            "log": "1",
            "log-on": "2018-07-01",
            "log-kind": "review",
            "log-count": 1,
            "log-summary": "服务期前",
        },
        follow=True,
    )
    assert "不在该法律顾问的服务期内" in early.content.decode()
    client.post(
        url,
        {
            "evaluate": "1",
            "ev-year": 2019,
            "ev-grade": "excellent",
            "ev-on": "2019-12-20",
            "ev-remarks": "响应及时",
        },
    )
    assert contract.assignment.work_logs.count() == 1
    assert contract.assignment.evaluations.get().grade == "excellent"
    client.force_login(w.people.bob)  # another department sees nothing of it
    assert client.get(url).status_code == 404
