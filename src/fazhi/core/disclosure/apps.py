from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.core.disclosure"
    label = "disclosure"
    verbose_name = "公开"

    def ready(self) -> None:
        from fazhi.core.integrity.sealing import register_stream

        register_stream("publications", "disclosure.Publication", "published_at", "公开记录")
        register_stream("withdrawals", "disclosure.Withdrawal", "at", "撤回记录")
