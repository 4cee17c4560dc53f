from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("new/<slug:spec>/", views.job_create, name="job_create"),
    path("template/<slug:spec>/", views.template_download, name="template_download"),
    path("export/<slug:spec>/", views.list_export, name="list_export"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("<int:pk>/errors/", views.error_download, name="error_download"),
]
