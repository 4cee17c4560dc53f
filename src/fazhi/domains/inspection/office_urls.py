from django.urls import path

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
]
