from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.core.disclosure"
    label = "disclosure"
    verbose_name = "公开"

    def ready(self) -> None:
        from fazhi import registry
        from fazhi.core.integrity.sealing import register_stream

        registry.command("disclosure", "fazhi_disclosure", "预览经公开关口处理后将公开的内容")
        registry.job(
            "publication-deadlines",
            "fazhi.core.disclosure.tasks.publication_deadlines",
            every=3600.0,
        )
        registry.job("outbox-deliver", "fazhi.core.disclosure.tasks.deliver_outbox", every=300.0)

        register_stream(
            "publications",
            "disclosure.Publication",
            "published_at",
            "公开记录",
            group="publications",
        )
        register_stream(
            "withdrawals", "disclosure.Withdrawal", "at", "撤回记录", group="publications"
        )
