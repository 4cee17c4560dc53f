from types import ModuleType
from typing import Any

from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.domains.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        from . import api, models, screens, workflow  # noqa: F401  registers the case kind

        auditlog.register(models.EnforcementCase)
        registry.api_route("enforcement-cases", api.EnforcementCaseViewSet, "enforcementcase")
        self._city(registry, auditlog)

    def _city(self, registry: ModuleType, auditlog: Any) -> None:
        """Urban-management matters, hotline work orders and overload checks."""
        from . import city_figures, city_imports, city_screens, hotline_api, models  # noqa: F401
        from .scenario import city as city_scenario

        for model in (models.UrbanMatter, models.HotlineOrder, models.OverloadCheck):
            auditlog.register(model)
        registry.mount("office", "enforcement/city/", "fazhi.domains.enforcement.city_urls")
        registry.nav("office", "城管·热线·治超", "enforcement_city:matter_shares", order=62)
        registry.api_route("hotline-orders", hotline_api.HotlineOrderViewSet, "hotlineorder")
        registry.job(
            "hotline-escalation",
            "fazhi.domains.enforcement.tasks.escalate_hotline_orders",
            every=3600.0,
        )
        city_figures.register_figures()
        for order, (label, load) in enumerate(city_scenario.STAGES, 210):
            registry.stage(label, load, order=order, app="enforcement")
