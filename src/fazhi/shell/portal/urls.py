from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/<str:code>/", views.department_detail, name="department_detail"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path("entities/", views.entity_lookup, name="entity_lookup"),
    path("integrity/", views.seal_list, name="seal_list"),
    path("integrity/roots.json", views.seal_roots, name="seal_roots"),
]
