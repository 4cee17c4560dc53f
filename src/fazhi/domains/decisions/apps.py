from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.domains.decisions"
    label = "decisions"
    verbose_name = "重大行政决策和法律顾问"

    def ready(self) -> None:
        # The domain registers its routes, screens, stages and figures here as they land.
        from . import models  # noqa: F401
