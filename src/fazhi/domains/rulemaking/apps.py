from django.apps import AppConfig


class RulemakingConfig(AppConfig):
    name = "fazhi.domains.rulemaking"
    label = "rulemaking"
    verbose_name = "规章和规范性文件"

    def ready(self) -> None:
        # The domain registers its routes, screens, stages and figures here as they land.
        from . import models  # noqa: F401
