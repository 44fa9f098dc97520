from django.urls import path

from returns import views_extract

urlpatterns = [
    path("extract/", views_extract.extract, name="extract"),
]
