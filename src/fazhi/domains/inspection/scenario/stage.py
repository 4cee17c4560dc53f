"""The inspection stages of the Ezhou 2019 scenario (orders 300–319)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STAGES: list[tuple[str, Callable[[Any, Any], None]]] = []
