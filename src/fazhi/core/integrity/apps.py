from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "fazhi.core.integrity"
    label = "integrity"
    verbose_name = "审计与防篡改"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth.models import Group
        from rest_framework.authtoken.models import Token

        from . import signals  # noqa: F401
        from .sealing import register_stream

        # Who may act: groups and API tokens are staff writes too (the token key never logged).
        auditlog.register(Group)
        auditlog.register(Token, exclude_fields=["key"])

        register_stream("audit", "integrity.AuditEntry", "timestamp", "审计日志")
        register_stream("security", "integrity.SecurityEvent", "at", "安全事件")
