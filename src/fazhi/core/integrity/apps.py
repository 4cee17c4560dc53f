from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "fazhi.core.integrity"
    label = "integrity"
    verbose_name = "审计与防篡改"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth.models import Group

        from fazhi import registry

        from . import signals  # noqa: F401
        from .sealing import register_stream

        # Who may act: groups are staff writes too (API tokens are registered by the org app).
        auditlog.register(Group)

        registry.command("verify", "fazhi_verify", "重算默克尔根，校验审计日志、办理过程与公开记录")
        registry.job("seal-integrity", "fazhi.core.integrity.tasks.seal_all", every=600.0)
        # The officers' credential history (an org record, sealed here like the audit log).
        register_stream("credentials", "org.CredentialEvent", "at", "执法证件记录", group="audit")
        register_stream("audit", "integrity.AuditEntry", "timestamp", "审计日志", group="audit")
        register_stream("security", "integrity.SecurityEvent", "at", "安全事件", group="audit")
