from django.urls import path

from . import portal_views as views

app_name = "credit_portal"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("records/<int:pk>/repair/", views.apply, name="apply"),
]
