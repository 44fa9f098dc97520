from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Practice Record administration"
admin.site.site_title = "Practice Record administration"

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("principles.urls")),
    path("", include("recording.urls")),
    path("assessments/", include("assessments.urls")),
    path("supervision/", include("supervision.urls")),
    path("", include("dashboards.urls")),
    path("", include("audit.urls")),
    path("", include("frontdoor.urls")),
    path("returns/", include("returns.urls")),
    path("admin/", admin.site.urls),
]
