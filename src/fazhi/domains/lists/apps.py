from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "fazhi.domains.lists"
    label = "lists"
    verbose_name = "清单"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.accounts.submissions import register_submissions

        # complaints registers its case kind; screens its back-office screens; imports its
        # Excel import specs.
        from . import (  # noqa: F401
            api,
            complaints,
            discretion_imports,
            figures,
            imports,
            models,
            no_penalty_imports,
            public_complaints,
            screens,
        )
        from .scenario import stage

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
        register_submissions("proof_complaints", "减证便民投诉", public_complaints.submissions)
        # The lists' stages of the Ezhou 2019 scenario run after the foundation's (10–60).
        for order, (label, load) in enumerate(stage.STAGES, 100):
            registry.stage(label, load, order=order, app="lists")
