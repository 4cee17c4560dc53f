from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fazhi.shell.api"
    label = "api"
