from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "fazhi.domains.inspection"
    label = "inspection"
    verbose_name = "双随机、一公开"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        from . import models

        # Every staff write is audited; targets and teams are written once, by the draw.
        # A snapshot's compressed files are logged by their digests, not as bytes.
        auditlog.register(
            models.PoolSnapshot, exclude_fields=["entities", "inspectors", "conflicts"]
        )
        for model in (
            models.Campaign,
            models.SeedCommitment,
            models.Conflict,
            models.Target,
            models.Assignment,
        ):
            auditlog.register(model)
        registry.mount("portal", "inspection/", "fazhi.domains.inspection.public_urls")
        registry.nav("portal", "随机抽查", "inspection:campaign_list", order=45)
        registry.command(
            "draw", "fazhi_draw", "随机抽查：核验已公示的抽取结果（fazhi draw verify <任务编号>）"
        )
        # The plans, check items, tasks and results (their own registrations).
        from .campaigns_app import ready as campaigns_ready

        campaigns_ready()
