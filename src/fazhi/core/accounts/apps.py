from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fazhi.core.accounts"
    label = "accounts"
    verbose_name = "公众账号"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        from .models import PublicAccount

        registry.mount("portal", "account/", "fazhi.core.accounts.urls")
        registry.nav("portal", "我的", "accounts:home", order=800)

        # Changes to a public account (sign-up, binding, lock) keep their history; the last
        # sign-in time changes on every sign-in and is a security event instead.
        auditlog.register(PublicAccount, exclude_fields=["last_login"])
