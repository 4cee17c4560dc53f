from django.urls import path

from . import city_views

app_name = "enforcement_city"

urlpatterns = [
    path("matters/resolve/", city_views.matters_resolve, name="matters_resolve"),
    path("matters/<int:pk>/", city_views.matter_detail, name="matter_detail"),
    path("matters/<int:pk>/resolve/", city_views.matter_resolve, name="matter_resolve"),
    path("matter-shares/", city_views.shares_view, name="matter_shares"),
    path("orders/<int:pk>/", city_views.order_detail, name="order_detail"),
    path("orders/<int:pk>/<slug:action>/", city_views.order_act, name="order_act"),
]
