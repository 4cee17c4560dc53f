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
        self.ready_filing()
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

    def ready_filing(self) -> None:
        """Filing, validity, cleanups and incidental review (备案、有效期、清理、附带审查)."""
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.disclosure.models import Channel
        from fazhi.core.disclosure.outbox import ADAPTERS
        from fazhi.core.org.choices import Role

        from . import figures, filing, filing_screens, incidental, models, periods_filing  # noqa: F401
        from .package import FilingPackageAdapter
        from .scenario import filing as filing_stage

        for model in (
            models.Filing,
            models.FilingCatalogue,
            models.Validity,
            models.TextAct,
            models.Cleanup,
            models.CleanupEntry,
            models.IncidentalLink,
        ):
            auditlog.register(model)
        ADAPTERS.setdefault(Channel.FILING, FilingPackageAdapter())
        incidental.register_hooks()
        from fazhi.core.casework.workflow import workflow_for

        reconsideration = workflow_for("reconsideration")
        page = ("附带审查的规范性文件", "rulemaking_office:case_documents")
        if reconsideration is not None and page not in reconsideration.pages:
            reconsideration.pages.append(page)
        registry.job("rulemaking-daily", "fazhi.domains.rulemaking.tasks.daily", every=86400.0)
        staff = frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.LEGAL_REVIEWER, Role.SUPERVISOR})
        registry.nav("office", "备案", "rulemaking_office:filing_list", order=71, roles=staff)
        registry.nav("office", "文件清理", "rulemaking_office:cleanup_list", order=72, roles=staff)
        registry.nav("office", "有效期", "rulemaking_office:validity_list", order=73, roles=staff)
        registry.nav(
            "office", "附带审查", "rulemaking_office:incidental_list", order=74, roles=staff
        )
        registry.nav("portal", "文件清理结果", "rulemaking:cleanup_results", order=51)
        figures.register_figures()
        filing_stage.register_personas()
        # Orders 415–416: the earlier texts and the 2019 cleanup, then the 2019 filings.
        registry.stage(
            "规章和规范性文件（2015—2019）及2019年清理",
            filing_stage.load_cleanup,
            order=415,
            app="rulemaking",
        )
        registry.stage(
            "2019年规章和规范性文件备案", filing_stage.load_filings, order=416, app="rulemaking"
        )


def _ensure_index(sender: object, using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from .search import ensure_index

    ensure_index(connections[using])
