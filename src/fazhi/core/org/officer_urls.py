from django.urls import path

from . import officer_views

app_name = "officers"

urlpatterns = [
    path("", officer_views.officer_list, name="list"),
    path("<int:pk>/", officer_views.officer_detail, name="detail"),
    path("<int:pk>/<slug:action>/", officer_views.officer_act, name="act"),
]
