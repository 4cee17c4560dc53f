"""The applicant's pages on the portal (/disputes/apply/): the online application and the
reading of the respondent's material once 阅卷 is granted."""

from django.urls import path

from . import party_portal_views

app_name = "disputes_apply"

urlpatterns = [
    path("", party_portal_views.apply, name="apply"),
    path("cases/<int:pk>/files/", party_portal_views.files, name="files"),
    path("cases/<int:pk>/files/<int:doc>/", party_portal_views.file_download, name="file_download"),
]
