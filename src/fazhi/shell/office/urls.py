from django.urls import path

from . import cases, tokens, views

app_name = "office"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("clock/", views.clock_calculator, name="clock_calculate"),
    path("notifications/read/", views.notifications_read, name="notification_read"),
    path("cases/new/<slug:kind>/", cases.case_new, name="case_create"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/steps/<slug:name>/", cases.case_step, name="case_step"),
    path("cases/<int:pk>/documents/<str:code>/", cases.case_document, name="case_document"),
    path("cases/<int:pk>/files/<int:doc>/", cases.case_document_file, name="case_document_file"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("r/<slug:slug>/", views.ResourceListView.as_view(), name="resource_list"),
    path("r/<slug:slug>/export/", views.resource_export, name="resource_export"),
    path("r/<slug:slug>/picker/", views.resource_picker, name="resource_picker"),
    path("r/<slug:slug>/choices/", views.resource_choices, name="resource_choices"),
    path("r/<slug:slug>/<int:pk>/", views.ResourceDetailView.as_view(), name="resource_detail"),
]
