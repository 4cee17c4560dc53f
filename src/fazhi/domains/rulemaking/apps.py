from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RulemakingConfig(AppConfig):
    name = "fazhi.domains.rulemaking"
    label = "rulemaking"
    verbose_name = "规章和规范性文件"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.org.choices import ADMIN_ROLES, Role

        from . import models
        from .scenario import stage

        for model in (models.LegalText, models.TextVersion):
            auditlog.register(model)
        # Provisions are written a version at a time (loaded or drafted): the version's own
        # audit entry records the change; a row per provision would only repeat it.
        registry.command("law_library", "law_library", "内置法规库：加载、导出来源文件、查看状态")
        # Orders 400–404 are the law library's and the texts' (rulemaking).
        registry.stage(
            "内置法规库（国家法律、行政法规）", stage.load_library, order=400, app="rulemaking"
        )
        registry.mount("portal", "laws/", "fazhi.domains.rulemaking.urls")
        registry.mount("office", "rulemaking/", "fazhi.domains.rulemaking.office_urls")
        registry.nav("portal", "法规检索", "rulemaking:provision_search", order=50)
        registry.nav(
            "office",
            "法规检索",
            "rulemaking_office:provision_search",
            order=70,
            roles=frozenset(r.value for r in Role if r not in ADMIN_ROLES),
        )
        # Drafting rules and normative documents (issue 10): the case kind, screens, stages.
        from .drafting_apps import ready_drafting

        ready_drafting()
        # On SQLite a migration that rebuilds the provision table drops the index's triggers.
        post_migrate.connect(_ensure_index, sender=self, dispatch_uid="rulemaking.search_index")


def _ensure_index(sender: object, using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from .search import ensure_index

    ensure_index(connections[using])
