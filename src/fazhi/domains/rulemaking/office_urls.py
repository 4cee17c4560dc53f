"""The texts in the back office under /office/rulemaking/."""

from django.urls import path

from . import office_filing_views as filing_views
from . import views

app_name = "rulemaking_office"

urlpatterns = [
    path("search/", views.office_search, name="provision_search"),
    path("filings/", filing_views.filing_list, name="filing_list"),
    path("filings/<int:pk>/", filing_views.filing_detail, name="filing_detail"),
    path("validity/", filing_views.validity_list, name="validity_list"),
    path("validity/<int:pk>/evaluate/", filing_views.validity_evaluate, name="validity_evaluate"),
    path("versions/<int:pk>/end/", filing_views.version_end, name="version_end"),
    path(
        "versions/<int:pk>/incidental/", filing_views.version_incidental, name="version_incidental"
    ),
    path("cleanups/", filing_views.cleanup_list, name="cleanup_list"),
    path("cleanups/<int:pk>/", filing_views.cleanup_detail, name="cleanup_detail"),
    path("cleanups/<int:pk>/export.<str:fmt>", filing_views.cleanup_export, name="cleanup_export"),
    path("cleanups/<int:pk>/<str:action>/", filing_views.cleanup_action, name="cleanup_action"),
    path("incidental/", filing_views.incidental_list, name="incidental_list"),
    path(
        "incidental/<int:pk>/<str:action>/",
        filing_views.incidental_action,
        name="incidental_action",
    ),
    path("cases/<int:pk>/documents/", filing_views.case_documents, name="case_documents"),
]
