from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("signin/", views.sign_in_view, name="sign_in"),
    path("verify/", views.verify_view, name="verify"),
    path("signup/", views.sign_up_view, name="sign_up"),
    path("signout/", views.sign_out_view, name="sign_out"),
    path("enterprise/", views.enterprise_view, name="enterprise"),
    path("submissions/", views.submissions_view, name="submissions"),
]
