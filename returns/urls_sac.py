from django.urls import path

from returns import views_sac

urlpatterns = [
    path("safeguarding/", views_sac.safeguarding, name="safeguarding"),
    path("safeguarding.csv", views_sac.safeguarding_csv, name="safeguarding_csv"),
]
