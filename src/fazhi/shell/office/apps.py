from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "fazhi.shell.office"
    label = "office"
    verbose_name = "工作台"

    def ready(self) -> None:
        from fazhi import registry

        from . import screens  # noqa: F401  registers the core screens

        registry.nav("office", "工作台", "office:home", order=0)
        registry.nav("office", "期限计算", "office:clock_calculate", order=10)
        registry.nav("office", "接口令牌", "office:tokens", order=800)
        registry.nav("office", "门户", "portal:home", order=900)
