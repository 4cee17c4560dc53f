"""The decisions domain's portal pages (/decisions/)."""

from django.urls import path

from . import portal_views as views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="decision_list"),
    path("advisers/", views.adviser_directory, name="adviser_list"),
    path("advisers/<int:region_id>/contact/", views.adviser_contact, name="adviser_contact"),
]
