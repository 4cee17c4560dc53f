"""The portal's random-draw pages under /inspection/. URL names: inspection:campaign_<action>."""

from django.urls import path

from . import public_views as views

app_name = "inspection"

urlpatterns = [
    path("draws/", views.campaign_list, name="campaign_list"),
    path("draws/<str:code>/", views.campaign_detail, name="campaign_detail"),
    path("draws/<str:code>/files/<str:name>", views.campaign_file, name="campaign_file"),
]
