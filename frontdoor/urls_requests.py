"""The pages of one area of the front door (`frontdoor.urls` joins the areas): requests
for support and their screening."""

from django.urls import path

from frontdoor import views_requests

urlpatterns = [
    path("front-door/", views_requests.front_door, name="front_door"),
    path("people/<int:person_id>/requests/new/", views_requests.request_new, name="request_new"),
    path(
        "front-door/requests/<int:request_id>/",
        views_requests.request_detail,
        name="request",
    ),
    path(
        "front-door/requests/<int:request_id>/screen/",
        views_requests.request_screen,
        name="request_screen",
    ),
]
