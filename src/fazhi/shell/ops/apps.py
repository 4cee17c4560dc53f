from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "fazhi.shell.ops"
    label = "ops"
    verbose_name = "运维"
