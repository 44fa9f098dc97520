from django.urls import path

from recording import carer_views, history_views, person_views, views

app_name = "recording"

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/new/", person_views.person_new, name="person_new"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("people/<int:person_id>/edit/", person_views.person_edit, name="person_edit"),
    path("people/<int:person_id>/cares-for/", carer_views.carer_links, name="carer_links"),
    path("people/<int:person_id>/history/", history_views.person_history, name="person_history"),
    path("people/<int:person_id>/contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:contact_id>/case-note/", views.case_note_new, name="case_note_new"),
    path(
        "contacts/<int:contact_id>/provisional-care-package/",
        views.package_new,
        name="package_new",
    ),
    path("records/<int:record_id>/", views.record_detail, name="record"),
    path("records/<int:record_id>/history/", history_views.record_history, name="record_history"),
    path("records/<int:record_id>/edit/", views.record_edit, name="record_edit"),
    path("records/<int:record_id>/addenda/new/", views.addendum_new, name="addendum_new"),
    path("my-recording/", views.my_recording, name="my_recording"),
    path("team-recording/", views.team_recording, name="team_recording"),
    path("team-recording/<int:user_id>/", views.member_recording, name="member_recording"),
]
