"""The returns' pages: each area's URLs are in a file of its own."""

from returns import urls_extract, urls_quality, urls_sac

app_name = "returns"

urlpatterns = [
    *urls_extract.urlpatterns,
    *urls_quality.urlpatterns,
    *urls_sac.urlpatterns,
]
