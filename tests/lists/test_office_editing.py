"""Correcting the lists by hand in the back office (/office/lists/): record a change (amend,
transfer, cancel…) with its reason and effective date, create an entry as a draft and publish
it; only the entry's own department may write, every write is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.integrity.models import AuditEntry
from fazhi.domains.lists import services
from fazhi.domains.lists.choices import ALLOWED_ACTIONS, ListState
from fazhi.domains.lists.models import FeeItem, NegativeListItem, PowerItem, PowerItemVersion

pytestmark = pytest.mark.django_db

D = date
STEPS = [
    {"name": "受理", "actor": "窗口", "limit": "1个工作日"},
    {"name": "听证", "optional": True},
    "决定",
]


def licence(org: Any, name: str = "食品经营许可", *, draft: bool = False, **fields: Any):  # type: ignore[no-untyped-def]
    return services.create_item(
        PowerItem,
        department=fields.pop("department", org.scjg),
        valid_from=D(2018, 6, 1),
        fields={
            "kind": "licensing",
            "name": name,
            "legal_basis": "《食品安全法》第三十五条",
            "responsibility": "受理责任\n审查责任",
            "steps": STEPS,
            "statutory_limit": 20,
            **fields,
        },
        reason="2018年权责清单",
        draft=draft,
    )


def url(name: str, item: Any, key: str = "poweritem") -> str:
    return reverse(f"lists_office:{name}", args=[key, item.code])


def prefilled(response: Any) -> dict[str, Any]:
    """What a browser sends back for the form as shown: every field with its shown value,
    text areas with CRLF line ends as browsers send them."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for bf in form:
        value = bf.value()
        if isinstance(value, bool):
            if value:
                data[bf.html_name] = "on"
            continue
        if value is None:
            value = ""
        elif isinstance(value, date):
            value = value.isoformat()
        value = str(value)
        if "textarea" in str(bf.field.widget.__class__).lower():
            value = value.replace("\n", "\r\n")
        data[bf.html_name] = value
    return data


def post_change(client: Any, item: Any, _key: str = "poweritem", **fields: Any) -> Any:
    page = client.get(url("entry_change", item, _key))
    assert page.status_code == 200
    return client.post(url("entry_change", item, _key), {**prefilled(page), **fields})


def version_count() -> int:
    return PowerItemVersion.objects.count()


def test_alice_amends_a_power_item_only_the_changed_field_goes_into_the_new_version(
    client: Any, org: Any, people: Any
) -> None:
    entry = services.create_item(
        NegativeListItem,
        department=org.scjg,
        valid_from=D(2018, 1, 1),
        fields={
            "name": "食品经营",
            "edition": "2018",
            "number": "101",
            "kind": "licensed",
            "measure": "未获得许可，不得从事食品经营",
        },
    )
    item = licence(org, negative_entry=entry, basis_url="https://flk.npc.gov.cn/food")
    client.force_login(people.alice)
    response = post_change(
        client,
        item,
        action="amend",
        reason="《食品安全法》2018年修正",
        valid_from="2019-03-01",
        legal_basis="《食品安全法》（2018修正）第三十五条",
    )
    assert response.status_code == 302
    assert response["Location"] == url("entry_detail", item)

    old, new = item.versions.order_by("valid_from", "id")
    assert old.valid_to == D(2019, 3, 1) and new.valid_to is None
    assert (new.action, new.reason, new.valid_from) == (
        "amend",
        "《食品安全法》2018年修正",
        D(2019, 3, 1),
    )
    assert new.recorded_by == people.alice and new.state == ListState.IN_FORCE
    assert new.legal_basis == "《食品安全法》（2018修正）第三十五条"
    # Everything else carried over unchanged: the steps, the line ends, the reference.
    assert new.steps == STEPS and new.responsibility == "受理责任\n审查责任"
    assert new.negative_entry == entry and new.basis_url == "https://flk.npc.gov.cn/food"
    (change,) = services.diff(PowerItem, D(2019, 2, 1), D(2019, 4, 1))
    assert change.fields == ["legal_basis"]

    page = client.get(response["Location"]).content.decode()
    assert "已记录“修改”" in page and "《食品安全法》2018年修正" in page
    assert "2018-06-01 至 2019-03-01" in page


def test_alice_edits_the_declared_steps_line_by_line(client: Any, org: Any, people: Any) -> None:
    item = licence(org)
    client.force_login(people.alice)
    page = client.get(url("entry_change", item))
    assert "受理｜窗口｜1个工作日\n（听证）\n决定" in page.content.decode()
    response = post_change(
        client,
        item,
        action="adjust",
        reason="优化流程",
        valid_from="2019-05-01",
        steps="受理｜窗口｜即时\r\n审查 | 承办科室 | 5个工作日\r\n决定",
        promised_limit="5",
    )
    assert response.status_code == 302
    new = item.versions.get(valid_to__isnull=True)
    assert new.steps == [
        {"name": "受理", "actor": "窗口", "limit": "即时"},
        {"name": "审查", "actor": "承办科室", "limit": "5个工作日"},
        {"name": "决定"},
    ]
    assert new.promised_limit == 5 and new.statutory_limit == 20


def test_alice_transfers_an_item_to_another_department_and_the_code_stays(
    client: Any, org: Any, people: Any
) -> None:
    item = licence(org)
    code = item.code
    client.force_login(people.alice)
    offered = client.get(url("entry_change", item)).context["form"].fields["department"]
    assert set(offered.queryset) == {org.sfj, org.sthj}  # the same government, not itself

    response = post_change(client, item, action="transfer", reason="机构改革职责划转")
    assert response.status_code == 200 and "划转须选择承接部门" in response.content.decode()
    response = post_change(
        client,
        item,
        action="transfer",
        reason="机构改革职责划转",
        valid_from="2019-04-01",
        department=str(org.ec_scjg.pk),  # another government's department
    )
    assert (
        response.status_code == 200 and "只能划转给本级政府的其他部门" in response.content.decode()
    )
    assert item.versions.count() == 1

    response = post_change(
        client,
        item,
        action="transfer",
        reason="机构改革职责划转",
        valid_from="2019-04-01",
        department=str(org.sthj.pk),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.code == code and item.department == org.sthj
    old, new = item.versions.order_by("valid_from", "id")
    assert new.transferred_from == old and new.department == org.sthj
    assert (old.department, old.valid_to) == (org.scjg, D(2019, 4, 1))
    assert "自鄂州市市场监督管理局划转" in client.get(response["Location"]).content.decode()
    # Now it is the ecology bureau's entry: alice sees it but no longer changes it.
    assert client.get(url("entry_change", item)).status_code == 403
    client.force_login(people.bob)
    assert client.get(url("entry_change", item)).status_code == 200


def test_alice_cancels_an_item_and_then_it_takes_no_more_changes(
    client: Any, org: Any, people: Any
) -> None:
    item = licence(org)
    client.force_login(people.alice)
    response = post_change(
        client, item, action="cancel", reason="国务院决定取消", valid_from="2019-07-01", name="改名"
    )
    assert response.status_code == 200
    assert "“取消”不改变事项内容，但您修改了：名称" in response.content.decode()

    response = post_change(
        client, item, action="cancel", reason="国务院决定取消", valid_from="2019-07-01"
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == ListState.CANCELLED
    new = item.versions.get(valid_to__isnull=True)
    assert (new.action, new.state, new.name) == ("cancel", "cancelled", "食品经营许可")

    detail = client.get(url("entry_detail", item)).content.decode()
    assert "记录变更</a>" not in detail and "已取消，不能再记录变更" in detail
    response = client.get(url("entry_change", item), follow=True)
    assert "不能再记录变更" in response.content.decode()


def test_bob_can_neither_open_nor_post_the_change_form_for_alices_item(
    client: Any, org: Any, people: Any
) -> None:
    item, draft = licence(org), licence(org, "试点许可", draft=True)
    client.force_login(people.bob)
    assert client.get(url("entry_change", item)).status_code == 403
    response = client.post(
        url("entry_change", item),
        {"action": "amend", "reason": "越权", "valid_from": "2019-03-01", "name": "改名"},
    )
    assert response.status_code == 403
    assert client.post(url("entry_publish", draft)).status_code == 404  # a draft he cannot see
    assert client.get(url("entry_change", draft)).status_code == 404
    assert version_count() == 2 and PowerItem.objects.get(pk=draft.pk).state == "draft"
    detail = client.get(url("entry_detail", item)).content.decode()
    assert "记录变更</a>" not in detail and "只有实施部门的经办人员可以修改" in detail


def test_carol_the_supervisor_views_but_does_not_change(client: Any, org: Any, people: Any) -> None:
    item, draft = licence(org), licence(org, "试点许可", draft=True)
    client.force_login(people.carol)
    assert client.get(url("entry_detail", item)).status_code == 200
    detail = client.get(url("entry_detail", draft))  # she supervises the city: drafts too
    assert detail.status_code == 200 and "发布</button>" not in detail.content.decode()
    assert client.get(url("entry_change", item)).status_code == 403
    assert client.get(url("entry_change", draft)).status_code == 403
    response = client.post(
        url("entry_change", item),
        {"action": "amend", "reason": "监督", "valid_from": "2019-03-01", "name": "改名"},
    )
    assert response.status_code == 403
    assert client.post(url("entry_publish", draft)).status_code == 403
    # Her own bureau's lists are hers to keep; the market regulator's are not.
    create = reverse("lists_office:entry_create", args=["poweritem"])
    assert list(client.get(create).context["form"].fields["department"].queryset) == [org.sfj]
    response = client.post(
        create,
        {
            "department": org.scjg.pk,
            "publish": "now",
            "valid_from": "2019-01-01",
            "reason": "监督",
            "name": "代为新增",
            "kind": "licensing",
        },
    )
    assert "只能在您所在的部门新增事项" in response.content.decode()
    assert version_count() == 2


def test_the_actions_offered_are_those_allowed_from_the_current_state(
    client: Any, org: Any, people: Any
) -> None:
    client.force_login(people.alice)
    for item in (licence(org), licence(org, "试点许可", draft=True)):
        response = client.get(url("entry_change", item))
        offered = {v for v, _ in response.context["form"].fields["action"].choices if v}
        assert offered == set(ALLOWED_ACTIONS[item.state])
        page = response.content.decode()
        assert ('<option value="transfer"' in page) == (item.state == ListState.IN_FORCE)
    draft = PowerItem.objects.get(state="draft")
    response = post_change(
        client,
        draft,
        action="transfer",
        reason="x",
        valid_from="2019-03-01",
        department=org.sthj.pk,
    )
    assert response.status_code == 200 and "不能选择该动作" in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"valid_from": "2018-05-31"}, "生效日期不能早于现行版本的生效日期 2018-06-01"),
        ({"valid_from": "2019-13-01"}, "生效日期格式应为 YYYY-MM-DD"),
        ({"valid_from": ""}, "请填写生效日期"),
        ({"reason": ""}, "请填写理由"),
        ({"reason": "   "}, "请填写理由"),
        ({"action": ""}, "请选择动作"),
        ({"name": ""}, "请填写名称"),
        ({"kind": ""}, "请选择事项类型"),
    ],
)
def test_a_bad_change_shows_a_chinese_error_and_writes_nothing(
    client: Any, org: Any, people: Any, fields: dict[str, str], message: str
) -> None:
    item = licence(org)
    client.force_login(people.alice)
    audited = AuditEntry.objects.count()
    data = {"action": "amend", "reason": "修改", "valid_from": "2019-03-01", **fields}
    response = post_change(client, item, **data)
    assert response.status_code == 200 and message in response.content.decode()
    assert item.versions.count() == 1 and item.versions.get().valid_to is None
    assert AuditEntry.objects.count() == audited


def test_the_services_refusal_is_shown_on_the_form(
    client: Any, org: Any, people: Any, monkeypatch: Any
) -> None:
    item = licence(org)
    client.force_login(people.alice)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ValidationError({"valid_from": "生效日期不能早于现行版本的生效日期", "item": "无效"})

    monkeypatch.setattr(services, "record", refuse)
    response = post_change(client, item, action="amend", reason="修改", valid_from="2019-03-01")
    page = response.content.decode()
    assert response.status_code == 200
    assert "生效日期不能早于现行版本的生效日期" in page and "无效" in page


def test_a_change_recorded_meanwhile_is_not_overwritten(client: Any, org: Any, people: Any) -> None:
    item = licence(org)
    client.force_login(people.alice)
    page = client.get(url("entry_change", item))
    services.record(
        item, "amend", valid_from=D(2019, 2, 1), reason="他人修改", changes={"name": "新名称"}
    )
    data = {**prefilled(page), "action": "amend", "reason": "修改", "valid_from": "2019-03-01"}
    response = client.post(url("entry_change", item), data)
    assert response.status_code == 200 and "已有新的版本" in response.content.decode()
    assert item.versions.count() == 2


def test_alice_creates_a_draft_and_publishes_it(client: Any, org: Any, people: Any) -> None:
    client.force_login(people.alice)
    create = reverse("lists_office:entry_create", args=["poweritem"])
    page = client.get(create)
    assert list(page.context["form"].fields["department"].queryset) == [org.scjg]
    data = {
        "department": org.scjg.pk,
        "publish": "draft",
        "valid_from": "2019-09-01",
        "reason": "依据《食品安全法》新增",
        "name": "小作坊登记",
        "kind": "licensing",
        "legal_basis": "《湖北省食品小作坊管理条例》第十条",
        "steps": "受理｜窗口\r\n决定",
    }
    response = client.post(create, {**data, "department": org.sthj.pk})
    assert "只能在您所在的部门新增事项" in response.content.decode()
    assert not PowerItem.objects.exists()

    response = client.post(create, data)
    item = PowerItem.objects.get()
    assert response.status_code == 302 and response["Location"] == url("entry_detail", item)
    assert (item.code, item.state, item.department) == ("420700-SCJG-XK-0001", "draft", org.scjg)
    version = item.versions.get()
    assert version.recorded_by == people.alice and version.steps == [
        {"name": "受理", "actor": "窗口"},
        {"name": "决定"},
    ]
    public = reverse("lists:poweritem_detail", args=[item.code])
    client.logout()
    assert client.get(public).status_code == 404
    client.force_login(people.alice)

    detail = client.get(url("entry_detail", item)).content.decode()
    assert "发布</button>" in detail and "草稿不对外公开" in detail
    response = client.post(url("entry_publish", item), follow=True)
    assert "已发布" in response.content.decode()
    item.refresh_from_db()
    assert item.state == ListState.IN_FORCE and item.versions.count() == 1
    client.logout()
    assert client.get(public).status_code == 200


def test_an_entry_can_be_published_directly_in_any_list(client: Any, org: Any, people: Any) -> None:
    client.force_login(people.alice)
    response = client.post(
        reverse("lists_office:entry_create", args=["feeitem"]),
        {
            "department": org.scjg.pk,
            "publish": "now",
            "valid_from": "2019-01-01",
            "reason": "收费清单",
            "name": "计量检定费",
            "standard": "按国家标准收取",
        },
    )
    fee = FeeItem.objects.get()
    assert response.status_code == 302 and fee.state == ListState.IN_FORCE
    assert fee.code == "420700-SCJG-SF-0001"


def test_every_write_is_audited_with_alice_as_actor(client: Any, org: Any, people: Any) -> None:
    client.force_login(people.alice)
    client.post(
        reverse("lists_office:entry_create", args=["poweritem"]),
        {
            "department": org.scjg.pk,
            "publish": "draft",
            "valid_from": "2019-01-01",
            "reason": "新增",
            "name": "试点许可",
            "kind": "licensing",
        },
    )
    item = PowerItem.objects.get()
    first = item.versions.get()
    assert AuditEntry.objects.get_for_object(item).filter(actor=people.alice).exists()
    assert AuditEntry.objects.get_for_object(first).filter(actor=people.alice).exists()

    client.post(url("entry_publish", item))
    published = AuditEntry.objects.get_for_object(first).filter(actor=people.alice)
    assert published.count() == 2  # created, then its state set to in force

    post_change(client, item, action="amend", reason="修改", valid_from="2019-06-01", name="新名")
    new = item.versions.get(valid_to__isnull=True)
    entries = AuditEntry.objects.get_for_object(new)
    assert entries.filter(actor=people.alice, action=AuditEntry.Action.CREATE).exists()
    closed = AuditEntry.objects.get_for_object(first).filter(action=AuditEntry.Action.UPDATE)
    assert closed.latest("id").actor == people.alice


def test_staff_find_entries_from_the_index(client: Any, org: Any, people: Any) -> None:
    item, draft = licence(org), licence(org, "试点许可", draft=True)
    other = licence(org, "排污许可", department=org.sthj)
    client.force_login(people.alice)
    index = client.get(reverse("lists_office:index")).content.decode()
    assert reverse("lists_office:entry_create", args=["poweritem"]) in index
    assert reverse("lists_office:entry_list", args=["nopenaltyitem"]) in index
    listing = reverse("lists_office:entry_list", args=["poweritem"])
    page = client.get(listing, {"q": "许可"}).content.decode()
    assert item.code in page and draft.code in page and other.code in page
    page = client.get(listing, {"q": "许可", "mine": "1"}).content.decode()
    assert other.code not in page and item.code in page
    page = client.get(listing, {"state": "draft"}).content.decode()
    assert draft.code in page and item.code not in page
    detail = client.get(url("entry_detail", item)).content.decode()
    assert reverse("lists:poweritem_detail", args=[item.code]) in detail
    assert url("entry_change", item) in detail

    client.force_login(people.bob)
    page = client.get(listing, {"q": "许可"}).content.decode()
    assert draft.code not in page and item.code in page
    index = client.get(reverse("lists_office:index")).content.decode()
    assert "新增</a>" in index  # bob may add entries of his own bureau
    assert client.get(reverse("lists_office:entry_list", args=["nosuchlist"])).status_code == 404


def test_the_public_and_the_signed_out_are_sent_to_sign_in(client: Any, org: Any) -> None:
    item = licence(org)
    for name in ("entry_detail", "entry_change"):
        response = client.get(url(name, item))
        assert response.status_code == 302 and "/office/login/" in response["Location"]
    assert client.post(url("entry_publish", item)).status_code == 302


def test_a_benchmark_keeps_its_tiers_when_alice_corrects_it(
    client: Any, org: Any, people: Any
) -> None:
    from fazhi.domains.lists.discretion import TierFinding, tier_for
    from fazhi.domains.lists.models import DiscretionBenchmarkVersion, DiscretionTier

    from .factories import LIGHT, PLAIN, business_licence_benchmark

    penalty = licence(org, "对未公示营业执照的处罚", kind="penalty", steps=[])
    bench = business_licence_benchmark(org, penalty, tiers=[LIGHT])
    client.force_login(people.alice)
    response = post_change(
        client,
        bench,
        action="amend",
        reason="条例修订",
        valid_from="2019-06-01",
        penalty_basis="处5万元以下罚款",
        _key="discretionbenchmark",
    )
    assert response.status_code == 302
    new = DiscretionBenchmarkVersion.objects.get(item=bench, valid_to__isnull=True)
    assert new.penalty_basis == "处5万元以下罚款" and new.power_item == penalty
    assert [t.label for t in DiscretionTier.objects.filter(version=new)] == ["从轻"]
    found = tier_for(penalty, {"days_unremedied": 10, **PLAIN}, on=D(2019, 9, 1))
    assert isinstance(found, TierFinding) and found.tier.version == new
    page = client.get(response["Location"]).content.decode()
    assert "从轻" in page and "第一档" in page
