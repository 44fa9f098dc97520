from django.urls import path

from assessments import views, views_enquiry, views_return, views_services
from assessments.readability_views import readability_check
from recording.history_views import record_history

app_name = "assessments"

urlpatterns = [
    path("readability/", readability_check, name="readability"),
    path("people/<int:person_id>/new/", views.record_start, name="start"),
    path("records/<int:record_id>/", views.record_detail, name="record"),
    path("records/<int:record_id>/history/", record_history, name="record_history"),
    path("records/<int:record_id>/edit/", views.record_edit, name="edit"),
    path("records/<int:record_id>/edit/<slug:slug>/", views.section_edit, name="section"),
    path("records/<int:record_id>/authorise/", views.authorise, name="authorise"),
    path("records/<int:record_id>/revise/", views.revise, name="revise"),
    path("records/<int:record_id>/copies/new/", views.copy_given_new, name="copy_given"),
    path("records/<int:record_id>/copies/correct/", views.copy_correct, name="copy_correct"),
    path(
        "records/<int:record_id>/copies/<int:issue_number>/<str:variant>.pdf",
        views.issued_copy_pdf,
        name="issued_pdf",
    ),
    path("records/<int:record_id>/copy.pdf", views.record_pdf, name="pdf"),
    path(
        "records/<int:record_id>/copy-large-print.pdf",
        views.record_pdf,
        {"large_print": True},
        name="pdf_large_print",
    ),
    path(
        "supports/<int:support_id>/service/",
        views_services.support_service,
        name="support_service",
    ),
    path(
        "records/<int:record_id>/return-details/",
        views_return.return_details,
        name="return_details",
    ),
    path("records/<int:record_id>/enquiry/", views_enquiry.enquiry, name="enquiry"),
]
