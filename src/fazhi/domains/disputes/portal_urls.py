"""The portal's /reconsideration/ pages: URL names disputes_portal:<model>_<action>."""

from django.urls import path

from . import portal_views as views

app_name = "disputes_portal"

urlpatterns = [
    path("decisions/", views.decision_list, name="decision_list"),
    path("typical/", views.compilation_list, name="compilation_list"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/", views.rule_detail, name="rule_detail"),
]
