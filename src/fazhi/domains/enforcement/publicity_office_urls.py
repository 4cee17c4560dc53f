"""The back office's 执法公示 (/office/enforcement/publicity/)."""

from django.urls import path

from . import publicity_views as views

app_name = "enforcement_publicity"

urlpatterns = [
    path("", views.office_index, name="index"),
    path("decisions/<int:pk>/publish/", views.office_publish_decision, name="decision_publish"),
    path("<str:code>/decisions/", views.office_missing, name="decision_list"),
    path("<str:code>/publish/", views.office_publish, name="publication_create"),
    path("<str:code>/<str:name>/docx/", views.office_sheet, name="document_create"),
]
