"""Public consultation on the portal under /consultations/."""

from django.urls import path

from . import drafting_views as views

app_name = "rulemaking_consult"

urlpatterns = [
    path("", views.consultation_list, name="consultation_list"),
    path("issuers/", views.issuer_list, name="issuer_list"),
    path("<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("<int:pk>/comment/", views.comment_submit, name="comment_submit"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/word/", views.feedback_docx, name="feedback_docx"),
]
