"""The portal's 执法公示 pages under /enforcement/. URL names: enforcement:<model>_<action>."""

from django.urls import path

from . import publicity_views as views

app_name = "enforcement"

urlpatterns = [
    path("officers/", views.officer_directory, name="officer_list"),
    path("departments/<str:code>/", views.department_publicity, name="publicity_detail"),
]
