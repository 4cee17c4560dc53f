"""Enforcement's own back-office pages (/office/enforcement/)."""

from django.urls import path

from . import office_views as views

app_name = "enforcement_office"

urlpatterns = [
    path("cases/<int:pk>/record/", views.case_record, name="case_record"),
]
