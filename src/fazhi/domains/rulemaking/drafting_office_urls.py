"""Drafting in the back office under /office/drafting/."""

from django.urls import path

from . import drafting_views as views

app_name = "rulemaking_drafting"

urlpatterns = [
    path("", views.draft_list, name="draft_list"),
    path("<int:pk>/", views.draft_workbench, name="draft_workbench"),
    path("<int:pk>/comments/<int:comment>/moderate/", views.moderate, name="comment_moderate"),
    path("<int:pk>/comments/<int:comment>/answer/", views.answer, name="comment_answer"),
]
