from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.core.org"
    label = "org"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, signals  # noqa: F401

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
            models.LegalAdviser,
            models.AdviserAssignment,
            models.Entity,
            models.RiskClassification,
        ):
            auditlog.register(model)
