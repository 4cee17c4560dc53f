from collections.abc import Callable
from typing import Any

from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "fazhi.domains.lists"
    label = "lists"
    verbose_name = "清单"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        # complaints registers its case kind; screens its back-office screens; imports its
        # Excel import specs.
        from . import api, complaints, figures, imports, models, screens  # noqa: F401

        for name in models.__all__:
            model = getattr(models, name)
            if not model._meta.abstract:
                auditlog.register(model)

        registry.mount("office", "lists/", "fazhi.domains.lists.office_urls")
        registry.mount("portal", "lists/", "fazhi.domains.lists.urls")
        registry.nav("office", "清单维护", "lists_office:index", order=30)
        registry.nav("portal", "清单", "lists:index", order=20)
        for prefix, viewset, basename in (
            ("power-items", api.PowerItemViewSet, "poweritem"),
            ("service-guides", api.ServiceGuideViewSet, "serviceguide"),
            ("proofs", api.ProofRequirementViewSet, "proofrequirement"),
            ("fees", api.FeeItemViewSet, "feeitem"),
            ("fee-cleanups", api.FeeCleanupViewSet, "feecleanup"),
            ("negative-list", api.NegativeListItemViewSet, "negativelistitem"),
            ("discretion-benchmarks", api.DiscretionBenchmarkViewSet, "discretionbenchmark"),
            ("discretion-factors", api.DiscretionFactorViewSet, "discretionfactor"),
            ("no-penalty-items", api.NoPenaltyItemViewSet, "nopenaltyitem"),
        ):
            registry.api_route(prefix, viewset, basename)
        figures.register_figures()
        for order, (label, load) in enumerate(_SCENARIO_STAGES, 100):
            registry.stage(label, _stage(load), order=order, app="lists")


# The lists' stages of the Ezhou 2019 scenario, loaded only when the scenario is built.
_SCENARIO_STAGES = (
    ("权责清单（2018 年版与 2019 年调整、划转、取消）", "load_power"),
    ("证明事项、告知承诺试点与减证便民投诉", "load_proofs"),
    ("办事指南与申请材料（含 2019 年精减）", "load_guides"),
    ("收费清单与价费文件清理", "load_fees"),
    ("市场监管裁量基准与免罚清单", "load_discretion"),
    ("市场准入负面清单（2019年版）", "load_negative"),
)


def _stage(name: str) -> Callable[[Any, Any], None]:
    def load(builder: Any, result: Any) -> None:
        from fazhi.shell.scenario import lists_stage

        getattr(lists_stage, name)(builder, result)

    return load
