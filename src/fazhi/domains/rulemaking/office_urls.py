"""The texts in the back office under /office/rulemaking/."""

from django.urls import path

from . import views

app_name = "rulemaking_office"

urlpatterns = [
    path("search/", views.office_search, name="provision_search"),
]
