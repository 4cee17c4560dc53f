"""A domain written by following docs/development/adding-a-domain.md and nothing else: it is
installed with FAZHI_EXTRA_APPS=tests.sample_domain and edits no file of Fazhi's
(tests/platform/test_new_domain.py)."""

from django.apps import AppConfig


class SampleConfig(AppConfig):
    name = "tests.sample_domain"
    label = "sample"
    verbose_name = "示例领域（意见建议）"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        from . import api, models, workflow

        auditlog.register(models.Suggestion)
        registry.mount("office", "sample/", "tests.sample_domain.office_urls")
        registry.mount("portal", "sample/", "tests.sample_domain.urls")
        registry.nav("office", "意见建议", "sample_office:index", order=50)
        registry.nav("portal", "意见建议", "sample:index", order=50)
        registry.api_route("suggestions", api.SuggestionViewSet, "suggestion")
        registry.job("sample-tick", "tests.sample_domain.tasks.tick", every=3600.0)
        registry.command("sample", "sample_hello", "示例领域的命令")
        registry.stage("意见建议", workflow.load_scenario, order=900, app="sample")
        registry.figure("99", "示例：已答复的意见建议", 1, workflow.answered, year=2099)
