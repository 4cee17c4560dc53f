"""The annual decision catalog: approved by the party committee, then published through the
gate, adjusted with recorded reasons and published again (条例 第三条第三款)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.workflow import TransitionError
from fazhi.core.disclosure.models import Publication
from fazhi.domains.decisions import catalog
from fazhi.domains.decisions.models import CatalogAdjustment, DecisionCatalog


def test_it_is_published_only_after_approval_and_adjusted_with_reasons(world) -> None:
    w = world
    w.catalog.state, w.catalog.approved_on = "draft", None
    w.catalog.save()
    with pytest.raises(TransitionError) as early:
        catalog.publish_catalog(w.catalog, on=date(2019, 3, 1))
    assert "经同级党委同意后" in str(early.value) and "第三条第三款" in str(early.value)
    catalog.approve(w.catalog, on=date(2019, 2, 27), approval_ref="市委常委会同意")
    catalog.publish_catalog(w.catalog, on=date(2019, 3, 5), actor=w.gov_clerk)
    first = Publication.objects.get(kind=catalog.PUBLICATION_KIND)
    assert first.payload["决策事项"][0]["决策事项"] == w.item.title

    with pytest.raises(TransitionError) as no_reason:
        catalog.adjust(w.catalog, "cancel", on=date(2019, 8, 1), reason=" ", item=w.item)
    assert "须说明理由" in str(no_reason.value)
    catalog.adjust(
        w.catalog,
        "amend",
        on=date(2019, 8, 1),
        reason="承办单位调整",
        item=w.item,
        changes={"undertaking_unit": w.org.sthj},
    )
    catalog.adjust(w.catalog, "cancel", on=date(2019, 8, 2), reason="纳入省级规划", item=w.item)

    adjustments = list(CatalogAdjustment.objects.order_by("pk"))
    assert [a.action for a in adjustments] == ["amend", "cancel"]
    assert adjustments[0].before["undertaking_unit"] == w.org.scjg.pk
    assert adjustments[0].after["undertaking_unit"] == w.org.sthj.pk
    # Each adjustment republished the catalog; the older versions are withdrawn, not erased.
    current = Publication.objects.filter(kind=catalog.PUBLICATION_KIND).current()
    assert current.count() == 1
    assert current.get().payload["决策事项"] == []
    assert [a["理由"] for a in current.get().payload["调整情况"]] == [
        "承办单位调整",
        "纳入省级规划",
    ]
    assert Publication.objects.filter(kind=catalog.PUBLICATION_KIND).count() == 3


def test_the_office_screens_build_approve_publish_and_adjust(client, world) -> None:
    w = world
    client.force_login(w.gov_clerk)
    assert client.post("/office/decisions/catalogs/", {"year": 2020}).status_code == 302
    cat = DecisionCatalog.objects.get(year=2020)
    url = f"/office/decisions/catalogs/{cat.pk}/"
    response = client.post(
        url + "item/",
        {
            "item-title": "停车设施建设三年行动计划",
            "item-category": "project",
            "item-undertaking_unit": w.org.scjg.pk,
            "item-expert_review": "on",
        },
    )
    assert response.status_code == 302 and cat.items.count() == 1
    client.post(url + "approve/", {"approved_on": "2020-02-20", "approval_ref": "市委同意"})
    client.post(url + "publish/")
    cat.refresh_from_db()
    assert cat.state == "published" and cat.publication is not None
    page = client.post(
        url + "adjust/",
        {"adj-action": "cancel", "adj-item": cat.items.get().pk, "adj-reason": ""},
        follow=True,
    )
    assert "调整理由" in page.content.decode()
    assert not CatalogAdjustment.objects.filter(catalog=cat).exists()
    page = client.get(url)
    assert "停车设施建设三年行动计划" in page.content.decode()
    # Another department's clerk may read (supervision aside) nothing of the government's.
    client.force_login(w.people.alice)
    assert client.get(url).status_code == 404
