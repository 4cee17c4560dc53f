"""The law library's public pages under /laws/. URL names: rulemaking:<model>_<action>."""

from django.urls import path

from . import cleanup_portal, views

app_name = "rulemaking"

urlpatterns = [
    path("", views.provision_search, name="provision_search"),
    path("cleanups/", cleanup_portal.cleanup_results, name="cleanup_results"),
    path("<int:pk>/", views.text_detail, name="legaltext_detail"),
    path(
        "<int:pk>/compare/<int:old>/<int:new>/", views.version_compare, name="textversion_compare"
    ),
]
