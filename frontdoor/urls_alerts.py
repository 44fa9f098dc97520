"""The pages of one area of the front door (`frontdoor.urls` joins the areas): alerts
that cannot wait."""

from django.urls import path

from frontdoor import views_alerts

urlpatterns = [
    path(
        "alerts/<int:alert_id>/acknowledge/",
        views_alerts.alert_acknowledge,
        name="alert_acknowledge",
    ),
]
