from django.urls import path

from supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("new/", views.session_new, name="session_new"),
    path("<int:session_id>/", views.session_detail, name="session"),
]
