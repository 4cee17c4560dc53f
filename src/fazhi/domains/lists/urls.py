"""The lists' public pages under /lists/. URL names: lists:<model>_<action>."""

from django.urls import path

from . import public_complaints, views

app_name = "lists"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the per-list item pages, whose codes would otherwise swallow these words.
    path("power/review/", views.power_review, name="poweritem_review"),
    path("power/<str:code>/flowchart.svg", views.power_flowchart, name="poweritem_flowchart"),
    path("guides/<str:code>/", views.guide_detail, name="serviceguide_detail"),
    path("guides/<str:code>/docx/", views.guide_download, name="serviceguide_download"),
    path("proofs/card/", views.proof_cards, name="proofrequirement_cards"),
    path("proofs/card/<int:region>/", views.proof_card, name="proofrequirement_card"),
    path(
        "proofs/<str:code>/complain/",
        public_complaints.complain,
        name="proofcomplaint_create",
    ),
    path("fees/cleanups/", views.fee_cleanups, name="feecleanup_list"),
]

for spec in views.LISTS.values():
    kwargs = {"key": spec.key}
    urlpatterns += [
        path(f"{spec.path}/", views.entry_list, kwargs, name=f"{spec.key}_list"),
        path(f"{spec.path}/export/", views.entry_export, kwargs, name=f"{spec.key}_export"),
        path(f"{spec.path}/<str:code>/", views.entry_detail, kwargs, name=f"{spec.key}_detail"),
    ]
