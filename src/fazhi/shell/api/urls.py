from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from fazhi.domains.lists import api as lists_api

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
router.register("power-items", lists_api.PowerItemViewSet, basename="poweritem")
router.register("service-guides", lists_api.ServiceGuideViewSet, basename="serviceguide")
router.register("proofs", lists_api.ProofRequirementViewSet, basename="proofrequirement")
router.register("fees", lists_api.FeeItemViewSet, basename="feeitem")
router.register("fee-cleanups", lists_api.FeeCleanupViewSet, basename="feecleanup")
router.register("negative-list", lists_api.NegativeListItemViewSet, basename="negativelistitem")
router.register(
    "discretion-benchmarks", lists_api.DiscretionBenchmarkViewSet, basename="discretionbenchmark"
)
router.register(
    "discretion-factors", lists_api.DiscretionFactorViewSet, basename="discretionfactor"
)
router.register("no-penalty-items", lists_api.NoPenaltyItemViewSet, basename="nopenaltyitem")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
]
