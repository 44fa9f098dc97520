"""A supervision session for tests, written through the service like the app writes it:
by default about the active framework's first principle (the `principles` fixture)."""

from datetime import date

from principles.models import ActiveFramework
from supervision.models import SupervisionSession
from supervision.services import ReflectionInput, supervision_session_record


def session_for(
    supervisor,
    practitioner,
    *,
    held_on: date = date(2026, 11, 20),
    numbers: tuple[int, ...] = (1,),
    cases=(),
    notes: str = "We talked about how Margaret chose where we met.",
    agreed_actions: str = "Alice to book the interpreter before the review.",
) -> SupervisionSession:
    principles = ActiveFramework.current().principles.filter(number__in=numbers)
    return supervision_session_record(
        supervisor=supervisor,
        practitioner=practitioner,
        held_on=held_on,
        cases=cases,
        reflections=[ReflectionInput(principle=p, notes=notes) for p in principles],
        agreed_actions=agreed_actions,
    )
