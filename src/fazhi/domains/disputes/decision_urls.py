"""/office/disputes/decisions/: URL names disputes_decisions:<model>_<action>."""

from django.urls import path

from . import decision_views as views

app_name = "disputes_decisions"

urlpatterns = [
    path("cases/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("performance/", views.performance_list, name="performance_list"),
    path("typical/", views.compilation_list, name="compilation_list"),
    path("typical/<int:pk>/", views.compilation_detail, name="compilation_detail"),
    path("typical/<int:pk>/export/", views.compilation_export, name="compilation_export"),
    path("typical/<int:pk>/file/", views.compilation_file, name="compilation_file"),
    path("typical/<int:pk>/publish/", views.compilation_publish, name="compilation_publish"),
]
