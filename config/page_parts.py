"""A page of one app that shows what an app above it knows.

Apps import only the apps below them (the layers in pyproject.toml), yet some pages show
more than their own app's data: Home (`accounts`) shows the returned Care Act records,
a person's page (`recording`) their Care Act records and copies owed. Such a page names
its parts here; each app above fills its own part in when Django starts (its
`AppConfig.ready`), with a function from the page's arguments to template context.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

Part = Callable[..., dict]


class PageParts:
    def __init__(self, page: str):
        self.page = page
        self._parts: list[Part] = []

    def add(self, part: Part) -> Part:
        """Fill in `part` (called once per page view); adding it again changes nothing."""
        if part not in self._parts:
            self._parts.append(part)
        return part

    def context(self, **arguments) -> dict:
        """Every part's context, in the order the apps are installed. Two parts may not
        give the same name: neither would know the other's had gone."""
        context: dict = {}
        for part in self._parts:
            given = part(**arguments)
            if clash := context.keys() & given.keys():
                raise ImproperlyConfigured(f"Two parts of {self.page} give {sorted(clash)}.")
            context.update(given)
        return context
