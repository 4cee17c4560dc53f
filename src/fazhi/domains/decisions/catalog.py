"""The annual decision catalog (条例 第三条第三款): approve, publish, adjust with reasons."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.disclosure.gate import publish, withdraw

from .choices import AdjustmentAction, CatalogState
from .models import CatalogAdjustment, CatalogItem, DecisionCatalog

BASIS = "重大行政决策程序暂行条例 第三条第三款"
PUBLICATION_KIND = "重大行政决策事项目录"
ITEM_FIELDS = (
    "title",
    "category",
    "undertaking_unit",
    "planned",
    "expert_review",
    "risk_assessment",
    "hearing",
    "fair_competition",
)


@transaction.atomic
def approve(catalog: DecisionCatalog, *, on: date, approval_ref: str) -> DecisionCatalog:
    """经同级党委同意: the date and the committee's document."""
    if not approval_ref.strip():
        raise TransitionError(Refusal("须写明同级党委同意的文件或会议", BASIS))
    if not catalog.items.exists():
        raise TransitionError(Refusal("目录中没有决策事项", BASIS))
    catalog.state = CatalogState.APPROVED
    catalog.approved_on, catalog.approval_ref = on, approval_ref
    catalog.save(update_fields=["state", "approved_on", "approval_ref"])
    return catalog


def _rows(catalog: DecisionCatalog) -> list[dict[str, Any]]:
    return [
        {
            "序号": i.number,
            "决策事项": i.title,
            "类别": i.get_category_display(),
            "承办单位": i.undertaking_unit.name,
            "计划完成时间": i.planned,
        }
        for i in catalog.items.filter(cancelled_on__isnull=True).select_related("undertaking_unit")
    ]


@transaction.atomic
def publish_catalog(catalog: DecisionCatalog, *, on: date, actor: Any = None) -> DecisionCatalog:
    """向社会公布 through the disclosure gate; a republished catalog replaces the earlier one."""
    if catalog.approved_on is None:
        raise TransitionError(Refusal("决策事项目录须经同级党委同意后方可向社会公布", BASIS))
    if catalog.publication is not None and not catalog.publication.withdrawn:
        withdraw(catalog.publication, reason="目录调整，重新公布", actor=actor, on=on)
    adjustments = [
        {
            "日期": a.on,
            "调整方式": a.get_action_display(),
            "决策事项": a.item.title,
            "理由": a.reason,
        }
        for a in catalog.adjustments.select_related("item")
    ]
    catalog.publication = publish(
        kind=PUBLICATION_KIND,
        title=str(catalog),
        org_unit=catalog.government,
        fields={
            "决策机关": catalog.government.name,
            "年度": catalog.year,
            "党委同意": catalog.approval_ref,
            "决策事项": _rows(catalog),
            "调整情况": adjustments,
        },
        subject=catalog,
        actor=actor,
        published_on=on,
    )
    catalog.state = CatalogState.PUBLISHED
    if catalog.published_on is None:
        catalog.published_on = on
    catalog.save(update_fields=["publication", "state", "published_on"])
    return catalog


def _snapshot(item: CatalogItem) -> dict[str, Any]:
    data = model_to_dict(item, fields=list(ITEM_FIELDS))
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}


@transaction.atomic
def adjust(
    catalog: DecisionCatalog,
    action: str,
    *,
    on: date,
    reason: str,
    item: CatalogItem | None = None,
    changes: dict[str, Any] | None = None,
    actor: Any = None,
) -> CatalogAdjustment:
    """根据实际情况调整 (add, amend or cancel an item), each with its reason; a published
    catalog is published again with the adjustment."""
    if not reason.strip():
        raise TransitionError(Refusal("调整决策事项目录须说明理由", BASIS))
    changes = dict(changes or {})
    before: dict[str, Any] = {}
    if action == AdjustmentAction.ADD:
        number = catalog.items.order_by("-number").values_list("number", flat=True).first() or 0
        item = CatalogItem.objects.create(
            catalog=catalog, number=number + 1, added_on=on, **changes
        )
    elif item is None or item.catalog_id != catalog.pk:
        raise TransitionError(Refusal("请选择本目录中的决策事项", BASIS))
    elif item.cancelled_on is not None:
        raise TransitionError(Refusal(f"“{item.title}”已于 {item.cancelled_on} 取消", BASIS))
    elif action == AdjustmentAction.AMEND:
        before = _snapshot(item)
        for name, value in changes.items():
            if name not in ITEM_FIELDS:
                raise TransitionError(Refusal(f"不能调整字段 {name}", BASIS))
            setattr(item, name, value)
        item.save()
    elif action == AdjustmentAction.CANCEL:
        before = _snapshot(item)
        item.cancelled_on = on
        item.save(update_fields=["cancelled_on"])
    else:
        raise TransitionError(Refusal(f"未知的调整方式：{action}", BASIS))
    adjustment = CatalogAdjustment.objects.create(
        catalog=catalog,
        item=item,
        action=action,
        on=on,
        reason=reason,
        before=before,
        after=_snapshot(item) if action != AdjustmentAction.CANCEL else {},
        actor=actor,
    )
    if catalog.state == CatalogState.PUBLISHED:
        publish_catalog(catalog, on=on, actor=actor)
    return adjustment
