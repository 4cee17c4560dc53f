from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "fazhi.shell.office"
    label = "office"
    verbose_name = "工作台"

    def ready(self) -> None:
        from . import screens  # noqa: F401  registers the core screens
