from govuk_frontend_django.components.tag import GovUKTag
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from config.govuk import shared_environment


def test_components_render_the_same_html_from_the_shared_environment():
    tag = GovUKTag(text="Overdue by <3> working days", classes="govuk-tag--red")
    fresh = Environment(
        loader=ChoiceLoader(
            [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
        ),
        autoescape=select_autoescape(),
    )
    expected = fresh.from_string(tag.build_jinja_template()).render(
        data={"text": "Overdue by <3> working days", "classes": "govuk-tag--red"}
    )
    assert str(tag) == expected
    assert "Overdue by &lt;3&gt; working days" in expected
    assert shared_environment() is shared_environment()
