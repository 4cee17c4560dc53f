from django.urls import path

from . import portal_views as views

app_name = "inspection_portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("items/", views.check_items, name="checkitem_list"),
    path("items/export/", views.check_items_export, name="checkitem_export"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("burden/", views.burden, name="entity_burden"),
    path("my-inspections/", views.my_inspections, name="entity_inspections"),
]
