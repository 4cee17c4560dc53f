from django.urls import path

from . import office_views as views

app_name = "credit_office"

urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("entry/", views.entry, name="entry"),
]
