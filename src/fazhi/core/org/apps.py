from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.core.org"
    label = "org"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Staff, exclude_fields=["password", "last_login"])
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
