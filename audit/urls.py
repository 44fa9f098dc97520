from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/people/<int:person_id>/", views.person_access_log, name="person"),
]
