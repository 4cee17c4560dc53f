from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    from fazhi.core.org.models import OrgUnit

    name = "法治政府建设平台"
    unit = OrgUnit.objects.filter(division_code=settings.FAZHI_SITE_GOVERNMENT).only("name").first()
    if unit is not None:
        name = f"{unit.name}法治政府建设平台"
    return {"site_name": name, "site_government": unit}
