"""Factories shared by the lists tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from fazhi.domains.lists import services
from fazhi.domains.lists.models import (
    DiscretionBenchmark,
    DiscretionFactor,
    DiscretionTier,
    ProofRequirement,
)

# Statutory facts (行政处罚法 第三十二条、第三十三条) that exempt or mitigate nothing: a case that
# gives them is decided by the list entries and the benchmark alone.
NOT_EXEMPT = {"minor_violation": False, "no_fault": False}
NO_MITIGATION = dict.fromkeys(
    ("mitigated_harm", "coerced", "deceived", "confessed", "meritorious", "other_mitigation"),
    False,
)
PLAIN = {**NOT_EXEMPT, **NO_MITIGATION}

# (label, article, conditions, fine_min, fine_max)
LIGHT = ("从轻", "第一档", [{"factor": "days_unremedied", "op": "<=", "value": 30}], "0", "3000")
HEAVY = ("从重", "第二档", [{"factor": "days_unremedied", "op": ">", "value": 30}], "3000", "10000")


def business_licence_benchmark(
    org: Any, item: Any, *, tiers: Sequence[tuple[str, str, list, str, str]] = (LIGHT, HEAVY)
) -> Any:
    """The 未公示营业执照 benchmark of 市场监管局 for ``item``, with its tiers, from 2019-01-01."""
    DiscretionFactor.objects.get_or_create(
        code="days_unremedied", defaults={"label": "逾期天数", "kind": "number", "unit": "日"}
    )
    bench = services.create_item(
        DiscretionBenchmark,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={
            "name": "未公示营业执照裁量基准",
            "power_item": item,
            "violation": "未将营业执照置于住所醒目位置",
            "penalty_basis": "处1万元以下罚款",
        },
    )
    version = bench.current_version()
    for order, (label, article, conditions, low, high) in enumerate(tiers, start=1):
        DiscretionTier.objects.create(
            version=version,
            order=order,
            label=label,
            article=article,
            conditions=conditions,
            fine_min=Decimal(low),
            fine_max=Decimal(high),
        )
    return bench


def cancelled_proof(department: Any, name: str = "无犯罪记录证明") -> ProofRequirement:
    """A proof a village or community used to issue, cancelled from 2019-01-01: what a
    减证便民 complaint is about."""
    return services.create_item(
        ProofRequirement,
        department=department,
        valid_from=date(2019, 1, 1),
        fields={
            "name": name,
            "status": "cancelled",
            "issuer": "社区居委会",
            "replacement": "data_sharing",
            "community_issued": True,
        },
    )
