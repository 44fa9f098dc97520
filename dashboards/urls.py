from django.urls import path

from dashboards import adherence_views, views

app_name = "dashboards"

urlpatterns = [
    path("dashboards/", views.dashboard, name="index"),
    path("dashboards/<slug:slug>/", views.dashboard, name="dashboard"),
    path("dashboards/<slug:slug>/<slug:table>.csv", views.table_csv, name="csv"),
    # The principles-adherence report for one person (adherence_views.py).
    path("people/<int:person_id>/adherence/", adherence_views.report, name="adherence"),
    path("people/<int:person_id>/adherence.pdf", adherence_views.report_pdf, name="adherence_pdf"),
]
