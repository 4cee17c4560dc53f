"""The portal's 负责人出庭应诉情况通报 (/disputes/appearance-bulletins/)."""

from django.urls import path

from . import views

app_name = "litigation_portal"

urlpatterns = [
    path("appearance-bulletins/", views.public_bulletins, name="bulletin_list"),
]
