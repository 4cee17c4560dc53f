from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "fazhi.integrity"
    label = "integrity"
    verbose_name = "审计与防篡改"

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .sealing import register_stream

        register_stream("audit", "integrity.AuditEntry", "timestamp", "审计日志")
        register_stream("security", "integrity.SecurityEvent", "at", "安全事件")
