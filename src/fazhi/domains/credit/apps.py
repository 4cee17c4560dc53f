from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "fazhi.domains.credit"
    label = "credit"
    verbose_name = "信用监管"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_save

        from fazhi import registry
        from fazhi.core.accounts.submissions import register_submissions
        from fazhi.core.disclosure.models import Publication, Withdrawal
        from fazhi.core.org.choices import Role
        from fazhi.domains.inspection.results import results_published

        # Importing registers the workflow, the review period, the import spec and the screens.
        from . import api, imports, models, records, repair, screens  # noqa: F401
        from .scenario import stage

        auditlog.register(models.CreditRecord)
        auditlog.register(models.RepairRequest)
        # Records come from their sources without the sources knowing this app: a penalty
        # decision published (and a source withdrawn) through the disclosure gate, a campaign's
        # results published by the inspection app.
        for sender in (Publication, Withdrawal):
            post_save.connect(
                records.on_publication, sender=sender, dispatch_uid=f"credit.{sender}"
            )
        results_published.connect(records.on_results_published, dispatch_uid="credit.inspection")
        register_submissions("credit_repair", "信用修复申请", repair.submissions)
        registry.mount("office", "credit/", "fazhi.domains.credit.office_urls")
        registry.mount("portal", "credit/", "fazhi.domains.credit.portal_urls")
        registry.nav(
            "office",
            "信用监管",
            "credit_office:lookup",
            order=46,
            roles=frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.SUPERVISOR, Role.OFFICER}),
        )
        registry.nav("portal", "企业信用", "credit_portal:mine", order=46)
        registry.api_route("credit-records", api.CreditRecordViewSet, "creditrecord")
        registry.job("credit-expiry", "fazhi.domains.credit.tasks.expire_records", every=86400.0)
        # After the inspection (300–) and enforcement stages: the 2019 records and repairs.
        for order, (label, load) in enumerate(stage.STAGES, 310):
            registry.stage(label, load, order=order, app="credit")
