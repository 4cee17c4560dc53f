from django.apps import AppConfig


class ScenarioConfig(AppConfig):
    name = "fazhi.shell.scenario"
    label = "scenario"
    verbose_name = "示例场景"
