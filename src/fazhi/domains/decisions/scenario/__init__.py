"""The decisions domain's stages of the Ezhou 2019 scenario (orders 420–439)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .advisers import load_advisers
from .decisions import load_decisions
from .opinions import load_opinions

# Advisers first: the legality reviews name the lawyer the justice bureau retains.
STAGES: list[tuple[str, Callable[[Any, Any], None]]] = [
    ("法律顾问轮次、合同、台账与名录（2019）", load_advisers),
    ("重大行政决策事项目录与决策（2019）", load_decisions),
    ("法律意见书与审查意见（2019）", load_opinions),
]
