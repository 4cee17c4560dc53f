from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fazhi.shell.api"
    label = "api"

    def ready(self) -> None:
        from fazhi import registry

        from . import views

        # The mechanisms' own records; each domain registers its routes from its own app.
        registry.api_route("governments", views.GovernmentViewSet, "government")
        registry.api_route("departments", views.DepartmentViewSet, "department")
        registry.api_route("regions", views.RegionViewSet, "region")
        registry.api_route("entities", views.EntityViewSet, "entity")
        registry.api_route("officers", views.OfficerViewSet, "officer")
        registry.api_route("cases", views.CaseViewSet, "case")
        registry.api_route("deadlines", views.DeadlineViewSet, "deadline")
        registry.api_route("publications", views.PublicationViewSet, "publication")
