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


def nav(request: HttpRequest) -> dict[str, Any]:
    """The navigation of both sites, as the apps registered it (fazhi.registry); an office
    entry limited to some roles is shown only to staff holding one of them."""
    from fazhi import registry

    user = getattr(request, "user", None)
    held: set[str] = set()
    if user is not None and user.is_authenticated and hasattr(user, "role_rows"):
        held = {row.role for row in user.role_rows()}
    office = [e for e in registry.nav_entries("office") if not e.roles or e.roles & held]
    return {"office_nav": office, "portal_nav": registry.nav_entries("portal")}
