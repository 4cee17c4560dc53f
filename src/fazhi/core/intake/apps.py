from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fazhi.core.intake"
    label = "intake"
    verbose_name = "数据导入"

    def ready(self) -> None:
        from fazhi import registry

        # The market-entity import registers itself here; each domain registers its own.
        from . import collected, specs  # noqa: F401  (归集案件 is declared in collected)

        registry.mount("office", "imports/", "fazhi.core.intake.urls")
        registry.nav("office", "数据导入", "intake:job_list", order=40)
