"""The back office's 行政应诉 pages (/office/disputes/litigation/)."""

from django.urls import path

from . import views

app_name = "disputes_litigation"

urlpatterns = [
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/create/", views.bulletin_create, name="bulletin_create"),
    path("bulletins/<int:pk>/docx/", views.bulletin_document, name="bulletin_document"),
]
