from django.urls import path

from . import office_campaigns as running_views
from . import office_views as views

app_name = "inspection_office"

urlpatterns = [
    path("", views.index, name="index"),
    path("tasks/", views.my_tasks, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/finding/", views.task_finding, name="task_finding"),
    path("tasks/<int:pk>/record/", views.task_record, name="task_record"),
    path("tasks/<int:pk>/confirm/", views.task_confirm, name="task_confirm"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("burden/", views.burden, name="entity_burden"),
    # Planning the year and running each campaign (office_campaigns).
    path("plans/new/", running_views.plan_create, name="plan_create"),
    path("plans/<int:pk>/entries/new/", running_views.planentry_create, name="planentry_create"),
    path("plans/<int:pk>/change/", running_views.plan_update, name="plan_update"),
    path("plans/<int:pk>/export/", running_views.plan_export, name="plan_export"),
    path("entries/<int:pk>/campaign/", running_views.campaign_detail, name="campaign_detail"),
]
for action in ("open", "freeze", "commit", "public", "announce", "reveal", "draw", "publish"):
    urlpatterns.append(
        path(
            f"entries/<int:pk>/campaign/{action}/",
            getattr(running_views, f"campaign_{action}"),
            name=f"campaign_{action}",
        )
    )
