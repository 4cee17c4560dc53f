from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fazhi.core.intake"
    label = "intake"
    verbose_name = "数据导入"

    def ready(self) -> None:
        # The declarations register themselves: the market-entity import here, the lists'
        # imports in their own app.
        from fazhi.domains.lists import imports  # noqa: F401

        from . import specs  # noqa: F401
