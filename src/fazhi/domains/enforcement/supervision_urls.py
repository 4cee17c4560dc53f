"""The justice bureau's case-file review in the back office (/office/enforcement/supervision/)."""

from django.urls import path

from . import supervision_views as views

app_name = "enforcement_supervision"

urlpatterns = [
    path("file-reviews/", views.filereview_list, name="filereview_list"),
    path("file-reviews/new/", views.filereview_start, name="filereview_start"),
    path("file-reviews/files/<int:pk>/score/", views.reviewedfile_score, name="reviewedfile_score"),
    path("file-reviews/<int:pk>/", views.filereview_detail, name="filereview_detail"),
    path(
        "file-reviews/departments/<int:pk>/",
        views.departmentreview_detail,
        name="departmentreview_detail",
    ),
    path(
        "file-reviews/departments/<int:pk>/document/",
        views.departmentreview_document,
        name="departmentreview_document",
    ),
]
