from django.urls import path  # noqa: F401  (the areas' pages are added below)

app_name = "frontdoor"

urlpatterns = []
