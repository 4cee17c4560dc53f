from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "fazhi.shell.portal"
    label = "portal"
