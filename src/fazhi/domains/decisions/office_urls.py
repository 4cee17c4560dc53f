"""The decisions domain's back-office pages (/office/decisions/)."""

from django.urls import path

from . import office_views as views

app_name = "decisions_office"

urlpatterns = [
    path("catalogs/", views.catalog_list, name="catalog_list"),
    path("catalogs/<int:pk>/", views.catalog_detail, name="catalog_detail"),
    path("catalogs/<int:pk>/<str:action>/", views.catalog_action, name="catalog_action"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("opinions/new/", views.opinion_create, name="opinion_create"),
    path("opinions/<int:pk>/document/", views.opinion_document, name="opinion_document"),
    path("advisers/contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("advisers/coverage/", views.adviser_coverage, name="adviser_coverage"),
    path("advisers/directory/<str:code>/", views.directory_publish, name="directory_publish"),
]
