from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EnforcementConfig(AppConfig):
    name = "fazhi.domains.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.org.choices import Role

        # Importing registers the kinds, steps, periods, publication rules and Word forms.
        from . import api, handbook, models, publicity, screens, simplified, workflow  # noqa: F401

        auditlog.register(models.EnforcementCase)
        auditlog.register(models.PublicationRule)
        auditlog.register(models.DepartmentSector)
        registry.api_route("enforcement-cases", api.EnforcementCaseViewSet, "enforcementcase")
        registry.mount("portal", "enforcement/", "fazhi.domains.enforcement.publicity_urls")
        registry.mount(
            "office", "enforcement/publicity/", "fazhi.domains.enforcement.publicity_office_urls"
        )
        registry.nav("portal", "执法公示", "enforcement:officer_list", order=40)
        registry.nav(
            "office",
            "执法公示",
            "enforcement_publicity:index",
            order=45,
            roles=frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.SUPERVISOR}),
        )
        # The shipped publication rules (data/publicity_rules.yaml) follow every migrate.
        post_migrate.connect(publicity.load_rules, sender=self, dispatch_uid="enforcement.rules")
