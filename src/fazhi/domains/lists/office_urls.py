"""The lists in the back office (/office/lists/): find, correct, add and publish entries.

``<key>`` is a list's key in ``queries.LISTS`` (poweritem, proofrequirement, feeitem,
negativelistitem, discretionbenchmark, nopenaltyitem); ``<code>`` an entry's stable code.
"""

from django.urls import path

from . import office_views as views

app_name = "lists_office"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:key>/", views.entry_list, name="entry_list"),
    # Before the entry pages: "new" is not a code (codes read <department>-<letters>-0001).
    path("<str:key>/new/", views.entry_create, name="entry_create"),
    path("<str:key>/<str:code>/", views.entry_detail, name="entry_detail"),
    path("<str:key>/<str:code>/change/", views.entry_change, name="entry_change"),
    path("<str:key>/<str:code>/publish/", views.entry_publish, name="entry_publish"),
]
