from django.urls import path

from principles import views

app_name = "principles"

urlpatterns = [
    path("principles/", views.index, name="index"),
    path("principles/<int:framework_id>/", views.framework_detail, name="framework"),
    path(
        "principles/<int:framework_id>/<int:number>/",
        views.principle_detail,
        name="principle",
    ),
    path("principles/confirm-reading/", views.confirm_reading, name="confirm_reading"),
    path("reading-confirmations/", views.team_confirmations, name="team_confirmations"),
]
