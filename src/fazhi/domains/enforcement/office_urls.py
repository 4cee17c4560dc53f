"""Enforcement in the back office (/office/enforcement/): the justice bureau's supervision views
and the departments' case-review meetings."""

from django.urls import path

from . import office_views as views

app_name = "enforcement_office"

urlpatterns = [
    path("supervision/", views.supervision, name="supervision"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
]
