from django.apps import AppConfig


class ClockConfig(AppConfig):
    name = "fazhi.clock"
    label = "clock"
    verbose_name = "工作日与期间"

    def ready(self) -> None:
        from . import signals

        signals.connect()
