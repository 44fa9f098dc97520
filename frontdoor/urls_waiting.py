"""The pages of one area of the front door (`frontdoor.urls` joins the areas): waiting
lists and allocation."""

from django.urls import path

from frontdoor import views_waiting as views

urlpatterns = [
    path("waiting-lists/", views.waiting_lists, name="waiting_lists"),
    path("waiting-lists/equity/", views.waiting_equity, name="waiting_equity"),
    path("waiting-lists/items/<int:item_id>/", views.work_item, name="work_item"),
    path(
        "waiting-lists/items/<int:item_id>/allocate/",
        views.work_item_allocate,
        name="work_item_allocate",
    ),
    path(
        "waiting-lists/items/<int:item_id>/priority/",
        views.work_item_priority,
        name="work_item_priority",
    ),
    path("waiting-lists/items/<int:item_id>/close/", views.work_item_close, name="work_item_close"),
    path("people/<int:person_id>/allocate/", views.person_allocate, name="person_allocate"),
    path("caseloads/<int:user_id>/reallocate/", views.reallocate_all, name="reallocate_all"),
]
