from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "fazhi.domains.inspection"
    label = "inspection"
    verbose_name = "双随机、一公开"

    def ready(self) -> None:
        # The domain registers its routes, screens, stages and figures here as they land.
        from . import models  # noqa: F401
