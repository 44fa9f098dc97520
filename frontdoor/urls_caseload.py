"""The pages of one area of the front door (`frontdoor.urls` joins the areas): caseloads
and tasks (issue 17, parts 5 and 6)."""

from django.urls import path

from frontdoor import views_caseload, views_tasks

urlpatterns = [
    path("caseload/", views_caseload.my_caseload, name="my_caseload"),
    path("caseloads/", views_caseload.team_caseloads, name="team_caseloads"),
    path("caseloads/<int:user_id>/", views_caseload.caseload, name="caseload"),
    path("people/<int:person_id>/tasks/new/", views_tasks.task_new, name="task_new"),
    path("tasks/<int:task_id>/", views_tasks.task_detail, name="task"),
    path("tasks/<int:task_id>/complete/", views_tasks.task_complete_view, name="task_complete"),
    path("tasks/<int:task_id>/reassign/", views_tasks.task_reassign_view, name="task_reassign"),
]
