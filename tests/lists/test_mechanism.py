"""The shared list mechanism: stable codes, versions by action, as-of and diff queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from fazhi.domains.lists import services
from fazhi.domains.lists.models import FeeItem, PowerItem, PowerItemVersion

pytestmark = pytest.mark.django_db

D = date


def licence(org, name="食品经营许可", **extra):  # type: ignore[no-untyped-def]
    return services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=D(2018, 6, 1),
        fields={
            "kind": "licensing",
            "name": name,
            "legal_basis": "《食品安全法》第三十五条",
            **extra,
        },
        reason="2018年权责清单",
    )


def test_an_item_gets_a_stable_code_per_department_and_kind(org) -> None:
    a, b = licence(org), licence(org, "药品经营许可")
    fee = services.create_item(
        FeeItem,
        department=org.scjg,
        valid_from=D(2018, 6, 1),
        fields={"name": "检验费", "standard": "100元/次"},
    )
    assert (a.code, b.code) == ("420700-SCJG-XK-0001", "420700-SCJG-XK-0002")
    assert fee.code == "420700-SCJG-SF-0001"


def test_an_amendment_closes_the_open_version_on_the_day_the_new_one_begins(org, people) -> None:
    item = licence(org)
    v2 = services.record(
        item,
        "amend",
        valid_from=D(2019, 3, 1),
        reason="法律修改",
        changes={"legal_basis": "《食品安全法》（2018修正）第三十五条"},
        actor=people.alice,
    )
    first = item.versions.get(action="add")
    assert first.valid_to == D(2019, 3, 1) and v2.valid_to is None
    assert v2.recorded_by == people.alice and v2.kind == "licensing"


def test_a_transfer_keeps_the_code_and_records_where_it_came_from(org) -> None:
    item = licence(org)
    v2 = services.record(
        item, "transfer", valid_from=D(2019, 4, 1), reason="机构改革划转", department=org.sthj
    )
    item.refresh_from_db()
    assert item.code == "420700-SCJG-XK-0001" and item.department == org.sthj
    assert v2.transferred_from == item.versions.get(action="add")
    with pytest.raises(ValidationError):
        services.record(item, "amend", valid_from=D(2019, 5, 1), reason="x", department=org.scjg)


def test_a_cancelled_item_stays_cancelled(org) -> None:
    item = licence(org)
    services.record(item, "cancel", valid_from=D(2019, 7, 1), reason="国务院决定取消")
    item.refresh_from_db()
    assert item.state == "cancelled"
    with pytest.raises(ValidationError, match="不能"):
        services.record(item, "amend", valid_from=D(2019, 8, 1), reason="x")


def test_a_change_needs_a_reason_and_cannot_take_effect_before_the_current_version(org) -> None:
    item = licence(org)
    with pytest.raises(ValidationError):
        services.record(item, "amend", valid_from=D(2019, 1, 1), reason=" ")
    with pytest.raises(ValidationError):
        services.record(item, "amend", valid_from=D(2017, 1, 1), reason="倒签")


def test_the_list_as_it_stood_on_any_date(org) -> None:
    kept, cut = licence(org), licence(org, "公共场所卫生许可")
    services.record(cut, "cancel", valid_from=D(2019, 7, 1), reason="取消")
    services.record(
        kept,
        "amend",
        valid_from=D(2019, 3, 1),
        reason="修改",
        changes={"name": "食品经营许可（含仅销售预包装食品备案）"},
    )

    def names(on):  # type: ignore[no-untyped-def]
        return set(services.as_of(PowerItem, on).values_list("name", flat=True))

    assert names(D(2018, 12, 31)) == {"食品经营许可", "公共场所卫生许可"}
    assert names(D(2019, 12, 31)) == {"食品经营许可（含仅销售预包装食品备案）"}
    assert names(D(2018, 1, 1)) == set()


def test_what_changed_between_two_dates(org) -> None:
    kept, cut = licence(org), licence(org, "公共场所卫生许可")
    services.record(cut, "cancel", valid_from=D(2019, 7, 1), reason="取消")
    services.record(
        kept, "amend", valid_from=D(2019, 3, 1), reason="修改", changes={"promised_limit": 5}
    )
    added = licence(org, "新设许可")
    services.record(added, "adjust", valid_from=D(2019, 9, 1), reason="新增事项调整")
    changes = {c.item_id: c for c in services.diff(PowerItem, D(2018, 12, 31), D(2019, 12, 31))}
    assert changes[cut.pk].kind == "removed"
    assert changes[kept.pk].kind == "changed" and changes[kept.pk].fields == ["promised_limit"]
    assert added.pk not in changes  # in force on both dates (since 2018-06-01), changed later
    assert services.actions_between(PowerItem, D(2019, 1, 1), D(2019, 12, 31)) == {
        "cancel": 1,
        "amend": 1,
        "adjust": 1,
    }


def test_drafts_are_seen_by_their_department_only(org, people) -> None:
    draft = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=D(2019, 1, 1),
        draft=True,
        fields={"kind": "licensing", "name": "试点许可"},
    )
    public = PowerItem.objects.restrict(AnonymousUser())
    assert not public.filter(pk=draft.pk).exists()
    assert PowerItem.objects.restrict(people.alice).filter(pk=draft.pk).exists()
    assert not PowerItem.objects.restrict(people.bob).filter(pk=draft.pk).exists()
    assert not PowerItemVersion.objects.restrict(AnonymousUser()).filter(item=draft).exists()
    services.publish_draft(draft)
    assert public.filter(pk=draft.pk).exists()


def test_a_restricting_licence_without_basis_is_flagged_for_review(org) -> None:
    item = licence(org, "某准入许可", legal_basis="", restricts_market_access=True)
    assert item.current_version().needs_access_review()


def test_editing_a_draft_keeps_it_a_draft(org) -> None:
    draft = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=D(2019, 1, 1),
        draft=True,
        fields={"kind": "licensing", "name": "试点许可"},
    )
    services.record(
        draft, "amend", valid_from=D(2019, 2, 1), reason="完善", changes={"name": "试点许可（改）"}
    )
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.name == "试点许可（改）"
    with pytest.raises(ValidationError):
        services.record(draft, "cancel", valid_from=D(2019, 3, 1), reason="不要了")
