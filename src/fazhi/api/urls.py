from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"


class Router(DefaultRouter):
    """The API root lists the endpoints to anyone; each endpoint applies its own rules."""

    class APIRootView(DefaultRouter.APIRootView):
        permission_classes = [AllowAny]


router = Router()
router.register("governments", views.GovernmentViewSet, basename="government")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("regions", views.RegionViewSet, basename="region")
router.register("entities", views.EntityViewSet, basename="entity")
router.register("officers", views.OfficerViewSet, basename="officer")
router.register("cases", views.CaseViewSet, basename="case")
router.register("deadlines", views.DeadlineViewSet, basename="deadline")
router.register("publications", views.PublicationViewSet, basename="publication")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
]
