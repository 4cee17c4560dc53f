"""The reconsideration's back-office pages for intake, the respondent and the case's parties,
hearings, committee and file access (/office/disputes/parties/)."""

from django.urls import path

from . import party_views

app_name = "disputes_parties"

urlpatterns = [
    path("intake/", party_views.intake, name="intake"),
    path("cases/<int:pk>/", party_views.case_panel, name="case_panel"),
    path("respondent/", party_views.respondent_list, name="respondent_list"),
    path("respondent/<int:pk>/", party_views.respondent_case, name="respondent_case"),
]
