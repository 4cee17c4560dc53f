from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "fazhi.domains.lists"
    label = "lists"
    verbose_name = "清单"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        # complaints registers its case kind; screens its back-office screens.
        from . import complaints, models, screens  # noqa: F401

        for name in models.__all__:
            model = getattr(models, name)
            if not model._meta.abstract:
                auditlog.register(model)
