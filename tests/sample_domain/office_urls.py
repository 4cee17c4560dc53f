from django.urls import path

from . import views

app_name = "sample_office"
urlpatterns = [path("", views.office_index, name="index")]
