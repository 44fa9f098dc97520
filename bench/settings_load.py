"""Settings for `bench/load.py` only -- never for the service.

The service's own settings (`config.settings`, from the same environment variables),
plus a bare view that inserts one row (`bench/urls_load.py`): the load test measures
the service's draft saves against it, under the same middleware, in the same run.
Static files are found without `collectstatic`, as the test suite finds them.
"""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

ROOT_URLCONF = "bench.urls_load"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
