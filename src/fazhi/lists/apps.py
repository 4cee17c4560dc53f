from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "fazhi.lists"
    label = "lists"
    verbose_name = "清单"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import complaints, models  # noqa: F401  complaints registers its case kind

        for name in models.__all__:
            model = getattr(models, name)
            if not model._meta.abstract:
                auditlog.register(model)
