from django.apps import AppConfig

RECORD_PAGE = "enforcement_office:case_record"


class EnforcementConfig(AppConfig):
    name = "fazhi.domains.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.integrity.sealing import register_stream

        from . import api, coercion, documents, models, screens, workflow  # noqa: F401  kinds, forms
        from .evidence import check_evidence_files
        from .scenario import handled

        auditlog.register(models.EnforcementCase)
        auditlog.register(models.Evidence)
        auditlog.register(models.CoerciveMeasure)
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
