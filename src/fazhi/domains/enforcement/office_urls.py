"""Enforcement's own back-office pages (/office/enforcement/): a case's full-process record,
the justice bureau's supervision views, and the departments' case-review meetings."""

from django.urls import path

from . import dashboard_views, office_views

app_name = "enforcement_office"

urlpatterns = [
    path("cases/<int:pk>/record/", office_views.case_record, name="case_record"),
    path("supervision/", dashboard_views.supervision, name="supervision"),
    path("meetings/", dashboard_views.meeting_list, name="meeting_list"),
    path("meetings/new/", dashboard_views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", dashboard_views.meeting_detail, name="meeting_detail"),
]
