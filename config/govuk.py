"""One shared Jinja environment for govuk-frontend-django.

govuk-frontend-django 0.22 builds a new Jinja `Environment` for every component it
renders (`GovUKComponent.render`), so GOV.UK Frontend's macros are compiled again each
time: about 25 ms a component, several per page. Every call passes the same loader and
autoescaping, so one environment, whose template cache then holds the compiled macros,
renders exactly the same HTML.
"""

from functools import cache

from govuk_frontend_django.components import base
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape


@cache
def shared_environment() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
        ),
        autoescape=select_autoescape(),
        auto_reload=False,  # the macros are installed files that do not change while running
    )


def _environment(**_same_arguments_every_time) -> Environment:
    return shared_environment()


def install() -> None:
    base.Environment = _environment
