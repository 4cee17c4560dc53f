from django.urls import path

from . import views

app_name = "sample"
urlpatterns = [path("", views.portal_index, name="index")]
