"""The inspection stages of the Ezhou 2019 scenario (orders 300–319, app "inspection")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .campaigns import load_campaigns
from .items import load_items

STAGES: list[tuple[str, Callable[[Any, Any], None]]] = [
    ("随机抽查事项清单与检查人员资格（一单、库二）", load_items),
    ("2019年抽查计划与抽查任务（一表、抽取、检查、公示）", load_campaigns),
]
