from types import ModuleType
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save

RECORD_PAGE = "enforcement_office:case_record"


class EnforcementConfig(AppConfig):
    name = "fazhi.domains.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.integrity.sealing import register_stream
        from fazhi.core.org.choices import Role

        # Importing registers the kinds, steps, periods, publication rules and Word forms.
        from . import (  # noqa: F401
            api,
            coercion,
            collected,
            documents,
            figures,
            filereview,
            handbook,
            models,
            publicity,
            screens,
            simplified,
            supervision,
            supervision_apps,
            workflow,
        )
        from .evidence import check_evidence_files
        from .scenario import handled, stage
        from .scenario.personas import register_personas

        auditlog.register(models.EnforcementCase)
        auditlog.register(models.PublicationRule)
        auditlog.register(models.DepartmentSector)
        auditlog.register(models.Evidence)
        auditlog.register(models.CoerciveMeasure)
        for model in (models.Meeting, models.MeetingAttendance, models.MeetingCase):
            auditlog.register(model)
        # 全过程记录: the evidence rows are sealed with the cases' streams, and ``fazhi verify
        # cases`` recomputes every evidence file's digest.
        register_stream(
            "enforcement_evidence",
            "enforcement.Evidence",
            "at",
            "执法全过程记录证据",
            group="cases",
            check=check_evidence_files,
        )
        # The township's handled cases of the Ezhou 2019 scenario (orders 230–239 are ours).
        registry.stage(
            "乡镇综合执法办案（泽林镇，2019）", handled.load_handled, order=230, app="enforcement"
        )
        # The full-process record of a case, linked from the case page of either kind.
        registry.mount("office", "enforcement/", "fazhi.domains.enforcement.office_urls")
        for wf in (workflow.WORKFLOW, coercion.WORKFLOW):
            if ("全过程记录", RECORD_PAGE) not in wf.pages:
                wf.pages.append(("全过程记录", RECORD_PAGE))
        registry.api_route("enforcement-cases", api.EnforcementCaseViewSet, "enforcementcase")
        # The justice bureau's supervision views and the departments' case-review meetings.
        registry.nav(
            "office",
            "执法监督",
            "enforcement_office:supervision",
            order=40,
            roles=frozenset({Role.SUPERVISOR, Role.DEPARTMENT_HEAD}),
        )
        registry.nav(
            "office",
            "案审会",
            "enforcement_office:meeting_list",
            order=41,
            roles=frozenset({Role.DEPARTMENT_HEAD, Role.SUPERVISOR}),
        )
        figures.register_figures()
        register_personas()
        # The collected cases (orders 200–209) need the foundation's units, entities and
        # personas only.
        for order, (label, load) in enumerate(stage.STAGES, 200):
            registry.stage(label, load, order=order, app="enforcement")
        registry.mount("portal", "enforcement/", "fazhi.domains.enforcement.publicity_urls")
        registry.mount(
            "office", "enforcement/publicity/", "fazhi.domains.enforcement.publicity_office_urls"
        )
        registry.nav("portal", "执法公示", "enforcement:officer_list", order=40)
        registry.nav(
            "office",
            "执法公示",
            "enforcement_publicity:index",
            order=45,
            roles=frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.SUPERVISOR}),
        )
        # The shipped publication rules (data/publicity_rules.yaml) follow every migrate.
        post_migrate.connect(publicity.load_rules, sender=self, dispatch_uid="enforcement.rules")
        # A penalty decision carries the day it was published (supervision's count): kept by
        # every publication and withdrawal the disclosure gate writes.
        from fazhi.core.disclosure.models import Publication, Withdrawal

        for sender in (Publication, Withdrawal):
            post_save.connect(
                publicity.on_publication, sender=sender, dispatch_uid=f"enforcement.{sender}"
            )
        self._city(registry, auditlog)
        supervision_apps.ready()

    def _city(self, registry: ModuleType, auditlog: Any) -> None:
        """Urban-management matters, hotline work orders and overload checks."""
        from . import city_figures, city_imports, city_screens, hotline_api, models  # noqa: F401
        from .scenario import city as city_scenario

        for model in (models.UrbanMatter, models.HotlineOrder, models.OverloadCheck):
            auditlog.register(model)
        registry.mount("office", "enforcement/city/", "fazhi.domains.enforcement.city_urls")
        registry.nav("office", "城管·热线·治超", "enforcement_city:matter_shares", order=62)
        registry.api_route("hotline-orders", hotline_api.HotlineOrderViewSet, "hotlineorder")
        registry.job(
            "hotline-escalation",
            "fazhi.domains.enforcement.tasks.escalate_hotline_orders",
            every=3600.0,
        )
        city_figures.register_figures()
        for order, (label, load) in enumerate(city_scenario.STAGES, 210):
            registry.stage(label, load, order=order, app="enforcement")
