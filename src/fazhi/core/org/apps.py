from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.core.org"
    label = "org"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        from . import models, signals  # noqa: F401
        from .choices import Role

        # The credential screens (执法证件管理): the justice bureau's clerks act, the
        # departments' clerks and heads and the supervisors look (docs/visibility.md).
        registry.mount("office", "officers/", "fazhi.core.org.officer_urls")
        registry.nav(
            "office",
            "执法证件",
            "officers:list",
            order=50,
            roles=frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.SUPERVISOR}),
        )

        auditlog.register(models.Staff, exclude_fields=["password", "last_login"])
        # Who may act through the API: every create and revoke is logged; the digest is not
        # (it identifies the key), nor the usage stamp (not a staff write).
        auditlog.register(models.ApiToken, exclude_fields=["digest", "last_used"])
        for model in (
            models.OrgUnit,
            models.Government,
            models.Department,
            models.Region,
            models.RoleAssignment,
            models.Person,
            models.Officer,
            models.CredentialEvent,
            models.LegalAdviser,
            models.AdviserAssignment,
            models.Entity,
            models.RiskClassification,
        ):
            auditlog.register(model)
