from django.urls import path  # noqa: F401

app_name = "lists_office"

urlpatterns: list = []
