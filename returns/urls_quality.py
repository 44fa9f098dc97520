from django.urls import path

from returns import views_quality

urlpatterns = [
    path("data-quality/", views_quality.data_quality, name="data_quality"),
]
