from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers
from rest_framework.permissions import AllowAny

from fazhi import registry

from .collect import CollectCasesView

app_name = "api"


class Router(routers.DefaultRouter):
    """The API root lists the endpoints to anyone; each endpoint applies its own rules."""

    class APIRootView(routers.APIRootView):  # what DefaultRouter.APIRootView is
        permission_classes = [AllowAny]


router = Router()
# Every app registers its routes from its own ready() (fazhi.registry); the shell's own
# endpoints for the mechanisms' models are registered in fazhi.shell.api.apps.
for route in sorted(registry.REGISTRY.api.values(), key=lambda r: r.prefix):
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Sector systems push their cases here (归集); only tokens with a source system may.
    path("collect/cases/", CollectCasesView.as_view(), name="collect_cases"),
    path("", include(router.urls)),
]
