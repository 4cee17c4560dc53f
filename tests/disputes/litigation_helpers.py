"""Helpers of the litigation tests: a lawsuit against the market regulator (alice, its clerk,
registers it), served on a 2019 day."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import register_case, take

SERVED = date(2019, 3, 4)


def sue(org: Any, clerk: Any, *, served: date = SERVED, **extra: Any) -> Case:
    data: dict[str, Any] = {
        "title": "不服行政处罚决定",
        "court": "鄂州市鄂城区人民法院",
        "court_number": "(2019)鄂0704行初18号",
        "plaintiffs": "张三\n鄂州市甲乙有限公司",
        "served_on": served,
        "defendant": org.scjg.pk,
        **extra,
    }
    return register_case("lawsuit", clerk, data, on=served)


def hearing(case: Case, actor: Any, unit: Any, on: date, appearer: str, **extra: Any) -> Any:
    data = {"defendant": unit.pk, "appearer": appearer, "name": "王五", "post": "局长", **extra}
    return take(case, "record_hearing", actor, data=data, on=on)
