"""The front door and the caseload: one module of pages per area, so each area's
addresses are beside its views."""

from frontdoor import urls_alerts, urls_caseload, urls_requests, urls_waiting

app_name = "frontdoor"

urlpatterns = [
    *urls_requests.urlpatterns,  # requests for support and screening
    *urls_waiting.urlpatterns,  # waiting lists and allocation
    *urls_caseload.urlpatterns,  # caseloads and tasks
    *urls_alerts.urlpatterns,  # alerts that cannot wait
]
