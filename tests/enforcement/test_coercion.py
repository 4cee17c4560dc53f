"""Coercive measures (行政强制法): approval by the head or on the spot with the approval within
24 hours (第十八、十九条), two credentialed officers (第十八条), the 30-day maximum as a burden
that does not move past rest days, extended once by the head (第二十五、三十二条), release
(第二十八条) — every refusal with its article."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.workflow import StepRefused, TransitionError, register_case, take
from fazhi.domains.lists import services
from fazhi.domains.lists.models import PowerItem

from .township import coercion_item, township

pytestmark = pytest.mark.django_db


def propose(tz: Any, item: Any, measure: str = "seize", on: date = date(2019, 6, 5), **extra: Any):  # type: ignore[no-untyped-def]
    data = {
        "title": "扣押焚烧工具案",
        "power_item": item.pk,
        "measure": measure,
        "grounds": "当事人在禁烧区焚烧垃圾，为制止违法行为",
        "property": "焚烧用铁桶两个、燃料一桶",
        **extra,
    }
    return register_case("coercive_measure", tz.officer1, data, on=on)


def officers(tz: Any, **extra: Any) -> dict[str, Any]:
    return {"officer_a": tz.pair[0].pk, "officer_b": tz.pair[1].pk, "party_present": "on", **extra}


def test_a_seizure_runs_thirty_days_unmoved_by_rest_days_and_is_extended_once(org) -> None:
    tz = township(org)
    case = propose(tz, coercion_item(tz))
    with pytest.raises(StepRefused, match="部门负责人"):
        take(case, "approve", tz.officer1, data={"opinion": "同意"}, on=date(2019, 6, 5))
    take(case, "approve", tz.head, data={"opinion": "同意扣押"}, on=date(2019, 6, 5))
    assert case.number == "420704105000-QZ-2019-0001"
    with pytest.raises(TransitionError, match="两名以上行政执法人员") as refused:
        take(case, "impose", tz.officer1, data=officers(tz, officer_b=tz.pair[0].pk),
             on=date(2019, 6, 6))  # fmt: skip
    assert refused.value.refusals[0].basis == "行政强制法 第十八条"
    with pytest.raises(TransitionError, match="见证人"):
        take(case, "impose", tz.officer1, data=officers(tz, party_present=""), on=date(2019, 6, 6))
    event = take(case, "impose", tz.officer1, data=officers(tz), on=date(2019, 6, 6))
    assert [o["credential_no"] for o in event.data["officers"]] == ["42070410501", "42070410502"]
    period = case.deadlines.get(key="coercion.seizure")
    # Thirty days from Thursday 6 June end on Saturday 6 July, and stay there: a burden.
    assert period.due == period.unrolled_due == date(2019, 7, 6)
    assert period.kind == "burden" and period.basis == "行政强制法 第二十五条"
    with pytest.raises(TransitionError, match="延长日数"):
        take(case, "extend", tz.head, data={"days": 31, "reason": "需检测"}, on=date(2019, 7, 1))
    take(case, "extend", tz.head, data={"days": 30, "reason": "案情复杂，需进一步核实"},
         on=date(2019, 7, 1))  # fmt: skip
    period.refresh_from_db()
    assert period.due == date(2019, 8, 5) and period.extension_approved_by == tz.head
    with pytest.raises(TransitionError, match="已经延长过一次") as refused:
        take(case, "extend", tz.head, data={"days": 5, "reason": "再延"}, on=date(2019, 7, 2))
    assert "第二十五条" in refused.value.refusals[0].basis
    # After the maximum, no decision on the property: only its release.
    with pytest.raises(TransitionError, match="应当作出解除决定") as refused:
        take(case, "dispose", tz.head, data={"decision": "没收"}, on=date(2019, 8, 6))
    assert refused.value.refusals[0].basis == "行政强制法 第二十八条"
    assert refused.value.refusals[0].missing_step == "release"
    take(case, "release", tz.head, data={"ground": "expired"}, on=date(2019, 8, 6))
    case.refresh_from_db()
    period.refresh_from_db()
    assert case.state == "released" and case.closed_on == date(2019, 8, 6)
    assert period.status == "met"


def test_on_the_spot_the_head_approves_within_24_hours_or_releases(org) -> None:
    tz = township(org)
    item = coercion_item(tz)
    case = propose(tz, item)
    spot = officers(tz, acted_at="2019-06-10T22:00", urgency="当事人正在焚烧，不立即扣押将扩大污染")
    with pytest.raises(TransitionError, match="办理日期一致"):
        take(case, "impose_on_the_spot", tz.officer1, data=spot, on=date(2019, 6, 11))
    take(case, "impose_on_the_spot", tz.officer1, data=spot, on=date(2019, 6, 10))
    assert case.state == "awaiting_approval" and case.number
    assert case.deadlines.get(key="coercion.seizure").due == date(2019, 7, 10)
    late = {"reported_at": "2019-06-11T22:30", "opinion": "同意"}
    with pytest.raises(TransitionError, match="二十四小时内") as refused:
        take(case, "post_approve", tz.head, data=late, on=date(2019, 6, 11))
    assert refused.value.refusals[0].basis == "行政强制法 第十九条"
    take(case, "post_approve", tz.head, data={"reported_at": "2019-06-11T08:30", "opinion": "同意"},
         on=date(2019, 6, 11))  # fmt: skip
    assert case.state == "imposed"
    take(case, "dispose", tz.head, data={"decision": "依法没收焚烧工具"}, on=date(2019, 6, 20))
    assert case.state == "disposed"
    # A head who does not approve releases at once.
    other = propose(tz, item)
    take(other, "impose_on_the_spot", tz.officer2, data=spot, on=date(2019, 6, 10))
    take(other, "post_refuse", tz.head, data={"reason": "不属于情况紧急"}, on=date(2019, 6, 11))
    other.refresh_from_db()
    assert other.state == "released" and other.deadlines.get().status == "met"


def test_the_power_list_and_the_freezing_amount(org) -> None:
    tz = township(org)
    # A coercive power the market regulator holds is not the township's.
    foreign = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "对有证据证明不符合食品安全标准的食品予以查封、扣押", "kind": "coercion"},
    )
    case = propose(tz, foreign)
    with pytest.raises(TransitionError, match="行政强制职权") as refused:
        take(case, "approve", tz.head, data={"opinion": "同意"}, on=date(2019, 6, 5))
    assert refused.value.refusals[0].basis == "行政强制法 第十七条、第二十二条"
    with pytest.raises(TransitionError, match="冻结数额"):
        propose(tz, coercion_item(tz), measure="freeze", property="账户 6228 0000 0000")
    freeze = propose(tz, coercion_item(tz), measure="freeze", amount="20000")
    take(freeze, "approve", tz.head, data={"opinion": "同意"}, on=date(2019, 6, 5))
    take(freeze, "impose", tz.officer1, data=officers(tz), on=date(2019, 6, 5))
    period = freeze.deadlines.get()
    assert period.key == "coercion.freezing" and period.basis == "行政强制法 第三十二条"
    assert period.due == date(2019, 7, 5)
