"""The demo case record: people allocated to the demo practitioners, and contacts and
records that put every state of the two-working-day clock on "My recording" on the day
the demo is loaded.

Every date is worked out from `today` with `recording.deadlines` and the council's
closure days, so the states hold whatever day the demo is loaded on. On a day that is
not a working day (a weekend, a bank holiday) nothing can be due that day, so "due
today" is empty then; every other state is there.

Idempotent: people are keyed on their council reference, and a person who already has
contacts gets no more. Loading again on a later day does not move anyone's contacts, so
the states age like real ones do; to see them all again, start from an empty database.

Everything is written through `recording.services`, as the app writes it. The names,
people and providers are fictional.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Team, User
from config import cld
from principles.models import ActiveFramework, Framework
from recording.deadlines import LONDON, add_working_days, due_date, working_days_before
from recording.models import CaseNote, ClosureDay, Contact, Person, RecordKind
from recording.services import (
    EvidenceInput,
    OptionInput,
    addendum_add,
    case_note_save,
    contact_record,
    provisional_care_package_save,
    record_complete,
)

NORTH = "North Adult Care Team"
HOSPITAL = "Hospital Discharge Team"

# Which principle of each framework a piece of evidence is about. Evidence about a theme
# a framework does not name separately joins the principle it falls under there.
PRINCIPLE_FOR_THEME = {
    "hertfordshire-connected-lives": {
        "independence": 1,
        "strengths": 2,
        "alternatives": 3,
        "safeguarding": 4,
        "law": 5,
        "value": 7,
        "partners": 8,
        "culture": 10,
    },
    "lancashire-living-better-lives": {
        "independence": 2,
        "strengths": 2,
        "alternatives": 2,
        "safeguarding": 3,
        "law": 4,
        "value": 4,
        "partners": 1,
        "culture": 1,
    },
}


@dataclass(frozen=True)
class DemoPerson:
    council_reference: str
    name: str
    date_of_birth: date
    worker: str  # username of the allocated worker
    team: str
    preferred_name: str = ""
    communication_needs: str = ""
    identity_and_culture: str = ""
    is_restricted: bool = False


PEOPLE = [
    DemoPerson(
        "HCC-104211",
        "Doreen Ashworth",
        date(1938, 6, 14),
        "pat",
        NORTH,
        preferred_name="Dot",
        communication_needs=(
            "Hard of hearing in her left ear. Sit on her right, face her and speak clearly; "
            "there is no need to shout."
        ),
        identity_and_culture=(
            "A lifelong Methodist who sings in the chapel choir on Sunday mornings. Worked as "
            "a school cook for 30 years and is proud of her baking. Widowed; her son, Martin, "
            "lives nearby."
        ),
    ),
    DemoPerson(
        "HCC-104218",
        "Tariq Mahmood",
        date(1969, 2, 3),
        "pat",
        NORTH,
        communication_needs=(
            "Speaks English and Urdu. For longer conversations, especially about money, he "
            "prefers an Urdu interpreter: offer one when you book. He tires in the afternoon, "
            "so mornings are best."
        ),
        identity_and_culture=(
            "Muslim; prays five times a day, so check prayer times when you book a visit. "
            "Lives with his wife, Samina, and their son, Imran. Works part-time from home as a "
            "bookkeeper and wants to carry on."
        ),
    ),
    DemoPerson(
        "HCC-104225",
        "Eleanor Fairbrother",
        date(1951, 11, 22),
        "pat",
        NORTH,
        preferred_name="Nell",
        communication_needs=(
            "Uses British Sign Language; book a BSL interpreter for every visit and meeting. "
            "Arrange visits by text or email, not by phone."
        ),
        identity_and_culture=(
            "Deaf since birth and proud of Deaf culture. Volunteers at the Deaf club in "
            "Stevenage on Thursdays. Lives with her partner, Jean, who is also Deaf."
        ),
    ),
    DemoPerson(
        "HCC-104230",
        "Kwame Asante",
        date(1957, 8, 9),
        "pat",
        NORTH,
        communication_needs=(
            "Has aphasia after a stroke: he understands well, but finding words can take time. "
            "Ask one question at a time, give him time to answer, and have a pen and paper "
            "ready."
        ),
        identity_and_culture=(
            "Born in Kumasi, Ghana, and has lived in Hertford since 1981. An elder at his "
            "church, where he sees most of his friends. Loves highlife music and Arsenal. His "
            "daughter, Abena, helps him with letters."
        ),
    ),
    DemoPerson(
        "HCC-104237",
        "Rebecca Thornton",
        date(1988, 9, 30),
        "pat",
        NORTH,
        preferred_name="Becky",
        communication_needs=(
            "Arrange contact by text message only. Do not leave voicemails or send letters to "
            "her home address."
        ),
        identity_and_culture=(
            "Mum to Lily, 8, and Noah, 5, who are at the centre of her life. Studying part-time "
            "to become a teaching assistant."
        ),
        is_restricted=True,
    ),
    DemoPerson(
        "HCC-104244",
        "Siobhan Gallagher",
        date(1979, 3, 17),
        "pat",
        NORTH,
        communication_needs=(
            "Has a learning disability. Easy read letters help. She likes her support worker, "
            "Dee, to be with her at meetings, and to be asked questions herself, not through "
            "Dee."
        ),
        identity_and_culture=(
            "From a large Irish Catholic family and very close to her mum, Bernadette, who she "
            "lives with. Works two mornings a week in a garden centre café and loves her job."
        ),
    ),
    DemoPerson(
        "HCC-104252",
        "Graham Pettifer",
        date(1946, 1, 30),
        "sam",
        NORTH,
        identity_and_culture=(
            "A retired railway signalman. Keeps an allotment with his friend Ron and shares "
            "what he grows with his neighbours. Has lived alone since his wife, Pauline, died."
        ),
    ),
    DemoPerson(
        "HCC-104259",
        "Anjali Patel",
        date(1962, 7, 5),
        "riley",
        NORTH,
        preferred_name="Anju",
        communication_needs="Speaks Gujarati and English. Prefers letters in large print.",
        identity_and_culture=(
            "Hindu and vegetarian. Cares for her husband, Dinesh, who has dementia, and wants "
            "support that helps them stay together at home."
        ),
    ),
    DemoPerson(
        "HCC-104266",
        "Stanisław Wójcik",
        date(1940, 4, 12),
        "riley",
        NORTH,
        preferred_name="Stan",
        communication_needs=(
            "First language Polish. His everyday English is good; offer a Polish interpreter "
            "for assessments and anything about money. His daughter, Ania, likes to join by "
            "phone."
        ),
        identity_and_culture=(
            "Came to England in 1968 and worked as an engineer. Catholic; goes to the Polish "
            "Mass on Sundays and has lunch with friends at the Polish club afterwards."
        ),
    ),
    DemoPerson(
        "HCC-104273",
        "Frank Hollis",
        date(1934, 10, 2),
        "olly",
        HOSPITAL,
        communication_needs="Wears hearing aids; check they are in and working before you start.",
        identity_and_culture=(
            "Served in the Royal Navy, then ran a hardware shop in Hitchin for 40 years. A "
            "widower. His dog, Bramble, is staying with a neighbour, and getting home to her "
            "matters more to him than anything."
        ),
    ),
]


class _Demo:
    """The loader's calendar and writing helpers."""

    def __init__(self, *, today: date, framework: Framework):
        self.today = today
        self.now = timezone.now()
        self.closures = ClosureDay.dates()
        self.principles = {p.number: p for p in framework.principles.all()}
        self.themes = PRINCIPLE_FOR_THEME.get(framework.slug, {})

    # --- dates ---

    def working_days_ago(self, count: int) -> date:
        return working_days_before(self.today, count, self.closures)

    def contact_day_due_on(self, due: date) -> date:
        """A contact date whose record is due on `due` (a working day)."""
        return working_days_before(due, 2, self.closures)

    def overdue_by(self, count: int) -> date:
        """A contact date whose record, still open today, is `count` working days late
        (on a day that is not a working day, lateness counts up to the last one)."""
        return self.contact_day_due_on(self.working_days_ago(count))

    def due(self, contact_day: date) -> date:
        return due_date(contact_day, self.closures)

    def working_days_after(self, day: date, count: int) -> date:
        return add_working_days(day, count, self.closures)

    @property
    def next_working_day(self) -> date:
        return add_working_days(self.today, 1, self.closures)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """`day` at `hour:minute` in London, but never in the future: a contact "today"
        moves to a minute ago (yesterday, in the first minute after midnight)."""
        moment = datetime.combine(day, time(hour, minute), tzinfo=LONDON)
        return min(moment, self.now - timedelta(minutes=1))

    # --- writing ---

    def contact(self, person, user, day, hour, minute, method, with_whom) -> Contact:
        return contact_record(
            person=person,
            occurred_at=self.at(day, hour, minute),
            method=method,
            with_whom=with_whom,
            recorded_by=user,
        )

    def evidence(self, items: Sequence[tuple[str, str]]) -> list[EvidenceInput]:
        texts: dict[int, list[str]] = {}
        for theme, text in items:
            number = self.themes.get(theme)
            if number in self.principles:
                texts.setdefault(number, []).append(text)
        return [
            EvidenceInput(principle=self.principles[number], evidence="\n\n".join(parts))
            for number, parts in texts.items()
        ]

    def case_note(
        self,
        contact: Contact,
        *,
        narrative: str,
        evidence: Sequence[tuple[str, str]] = (),
        options: Sequence[OptionInput] = (),
        completed_at: datetime | None = None,
        **fields,
    ) -> CaseNote:
        author = contact.recorded_by
        note = case_note_save(
            author=author,
            obligation=contact.obligations.get(kind=RecordKind.CASE_NOTE),
            fields={"narrative": narrative, **fields},
            evidence=self.evidence(evidence),
            options=options,
        )
        if completed_at is not None:
            record_complete(record=note, user=author, now=completed_at)
        return note

    def package(
        self,
        contact: Contact,
        *,
        evidence: Sequence[tuple[str, str]] = (),
        completed_at: datetime | None = None,
        **fields,
    ):
        author = contact.recorded_by
        package = provisional_care_package_save(
            author=author, contact=contact, fields=fields, evidence=self.evidence(evidence)
        )
        if completed_at is not None:
            record_complete(record=package, user=author, now=completed_at)
        return package


# --- Each person's story. Pat's people between them show every state of the clock. ---


def _doreen(demo: _Demo, person: Person, pat: User) -> None:
    # Visited 8 working days ago: case note and provisional care package completed on time.
    visit_day = demo.working_days_ago(8)
    visit = demo.contact(
        person, pat, visit_day, 10, 30, Contact.Method.VISIT, "Dot and her son, Martin"
    )
    next_day = demo.working_days_after(visit_day, 1)
    demo.case_note(
        visit,
        narrative=(
            "I visited Dot at home with her son, Martin, after her GP let us know about her "
            "fall three weeks ago. She broke her right wrist, and it will be in a cast for "
            "another four weeks.\n\n"
            "Dot wants to stay in the home she has lived in for 52 years. She is managing a "
            "lot herself: she uses the stairs safely, makes her own breakfast one-handed and "
            "knows her neighbours well. She finds it hard to wash, dress and cook a hot meal "
            "with one hand, and she is worried about falling again at night.\n\n"
            "We talked about what would help while her wrist heals. Dot chose short morning "
            "and evening visits for four weeks (recorded as a provisional care package) and "
            "agreed to try a pendant alarm. Martin will carry on doing her weekly shop. Dot "
            'said she felt "relieved, not fussed over".'
        ),
        made_decision=False,
        next_actions=(
            "Ask for a pendant alarm to be fitted this week. Phone Martin in a week to hear "
            "how the visits are going. Review with Dot before the four weeks are up."
        ),
        evidence=[
            (
                "strengths",
                "I started from what Dot can do and wants to keep doing: she still makes her "
                "own breakfast and wants to get back to baking for the chapel. We talked "
                "openly about the risk of another fall and chose a pendant alarm rather than "
                "more care, so that she stays in charge of her day.",
            ),
            (
                "independence",
                "Dot made the decisions about her support. The visits are for a short time, "
                "to help her get back to doing things for herself once the cast is off.",
            ),
        ],
        completed_at=demo.at(next_day, 16, 10),
    )
    demo.package(
        visit,
        what=(
            "Two visits a day, morning and evening, for four weeks: help with washing, "
            "dressing and making a hot meal while Dot's wrist is in a cast."
        ),
        provider="Brookside Home Care",
        start_date=next_day,
        weekly_cost=Decimal("238.00"),
        why=(
            "Dot cannot yet wash, dress or cook a hot meal safely with one hand. Without help "
            "now she may go without hot meals or fall again, and could end up in hospital."
        ),
        evidence=[
            (
                "alternatives",
                "Before arranging care we looked at what Martin and Dot's neighbours already "
                "do, and at equipment. Martin's help with shopping and a pendant alarm meet "
                "some of Dot's needs; the visits meet the rest.",
            ),
            (
                "value",
                "Short visits for four weeks, reviewed before they end, meet Dot's needs at "
                "the lowest cost and stop when her wrist has healed.",
            ),
        ],
        completed_at=demo.at(next_day, 16, 40),
    )
    # A call with her son: its case note is overdue by 1 working day.
    demo.contact(
        person,
        pat,
        demo.overdue_by(1),
        14,
        15,
        Contact.Method.PHONE,
        "Martin Ashworth, Dot's son",
    )


def _tariq(demo: _Demo, person: Person, pat: User) -> None:
    # Visited 9 working days ago; a decision, completed 2 working days late, then an addendum.
    visit_day = demo.working_days_ago(9)
    visit = demo.contact(
        person,
        pat,
        visit_day,
        9,
        30,
        Contact.Method.VISIT,
        "Tariq, his wife Samina, and an Urdu interpreter",
    )
    note = demo.case_note(
        visit,
        narrative=(
            "I visited Tariq and Samina at home to finish Tariq's needs assessment. An Urdu "
            "interpreter joined us for the part of the visit about money, as Tariq asked.\n\n"
            "Tariq has multiple sclerosis. His legs have become weaker over the past year and "
            "he is very tired by the afternoon. He wants to keep working from home, to keep "
            "going to Friday prayers with Imran, and not to rely on Samina for all of his "
            "personal care. Samina helps him to wash and dress every morning, and she told "
            "me she is exhausted.\n\n"
            "Because of his condition, Tariq cannot wash and dress himself or keep up his "
            "work without help, and this has a significant impact on his wellbeing. He has "
            "eligible needs under the Care Act eligibility regulations."
        ),
        made_decision=True,
        decision=(
            "We will meet Tariq's eligible needs with a personal budget, which he will take "
            "as a direct payment so that he can employ a personal assistant for two hours "
            "each morning."
        ),
        decision_reasons=(
            "Tariq needs help to wash and dress, and without it his health, his work and his "
            "relationship with Samina will suffer. A personal assistant he chooses can come "
            "at times that fit around his work and his prayers. Tariq can manage a direct "
            "payment, and Imran will help him with the paperwork."
        ),
        legal_basis=CaseNote.LegalBasis.CARE_ACT,
        legal_section="section 18",
        options=[
            OptionInput(
                option="Home care visits arranged by the council through an agency",
                why_not_appropriate=(
                    "The agencies we asked could not promise the same carer, or the early "
                    "start Tariq needs before work. Tariq wants to choose who supports him."
                ),
            ),
            OptionInput(
                option="Samina carries on giving all of Tariq's personal care",
                why_not_appropriate=(
                    "Samina is exhausted. Relying on her alone would put her health, and "
                    "both their wellbeing, at risk. We have offered her a carer's assessment."
                ),
            ),
        ],
        next_actions=(
            "Send the direct payment agreement in English and Urdu. Offer Samina a carer's "
            "assessment. Review in six weeks."
        ),
        evidence=[
            (
                "law",
                "I recorded how Tariq's needs meet the eligibility criteria, and our duty to "
                "meet them under section 18 of the Care Act 2014. Samina's wellbeing matters "
                "too, so I offered her a carer's assessment under section 10.",
            ),
            (
                "culture",
                "I booked an Urdu interpreter for the conversation about money, as Tariq "
                "prefers, and arranged the visit around his prayer times. Tariq would like a "
                "personal assistant who understands his faith; a direct payment lets him "
                "choose one.",
            ),
        ],
        completed_at=demo.at(demo.working_days_after(demo.due(visit_day), 2), 11, 15),
    )
    addendum_add(
        record=note,
        author=pat,
        reason="Samina's carer's assessment has been booked",
        text=(
            "Samina has accepted a carer's assessment, and it is booked with our carers' "
            "worker. I have let Tariq and Samina know by phone."
        ),
    )
    # A video call: the case note is a draft, overdue by 3 working days.
    call = demo.contact(
        person,
        pat,
        demo.overdue_by(3),
        10,
        0,
        Contact.Method.VIDEO,
        "Tariq and his son, Imran",
    )
    demo.case_note(
        call,
        narrative=(
            "Video call with Tariq and Imran about setting up the direct payment. Tariq has "
            "found a personal assistant through a friend and would like her to start soon.\n\n"
            "Still to add: what we agreed about the payroll service."
        ),
    )


def _eleanor(demo: _Demo, person: Person, pat: User) -> None:
    # Visited 2 working days ago: the draft case note is due today (on a working day).
    visit = demo.contact(
        person,
        pat,
        demo.working_days_ago(2),
        13,
        30,
        Contact.Method.VISIT,
        "Nell, her partner Jean, and a BSL interpreter",
    )
    demo.case_note(
        visit,
        narrative=(
            "I visited Nell and Jean at home with a BSL interpreter. Nell has fallen twice in "
            "the garden this autumn and wants to keep gardening safely. We looked at the "
            "steps down to the lawn together.\n\n"
            "Still to add: what the occupational therapist suggests."
        ),
        evidence=[
            (
                "culture",
                "I booked a BSL interpreter and arranged the visit by email, as Nell prefers. "
                "Nell led the conversation in her own language.",
            )
        ],
    )


def _kwame(demo: _Demo, person: Person, pat: User) -> None:
    # A call with his daughter: no case note yet, overdue by 6 working days.
    demo.contact(
        person,
        pat,
        demo.overdue_by(6),
        11,
        45,
        Contact.Method.PHONE,
        "Abena Asante, Kwame's daughter",
    )


def _rebecca(demo: _Demo, person: Person, pat: User) -> None:
    # An office appointment 4 working days ago, recorded the same day.
    meeting_day = demo.working_days_ago(4)
    meeting = demo.contact(person, pat, meeting_day, 10, 0, Contact.Method.OFFICE, "Becky")
    demo.case_note(
        meeting,
        narrative=(
            "Becky came to the office to talk about support now that she and the children "
            "have moved into their new home. She chose the office because she finds it "
            "easier to talk freely there.\n\n"
            "Becky is settling in well. Lily and Noah have started at their new schools, and "
            "Becky has enrolled on her course. She has days when anxiety makes it hard to "
            "leave the house, and she would like help to meet other parents and build up "
            "friends nearby.\n\n"
            "We agreed that I will find out about local parent groups and peer support, and "
            "send her the details by text."
        ),
        made_decision=False,
        next_actions=(
            "Text Becky details of two parent groups near her home. Arrange a call with her "
            "by text in two weeks."
        ),
        evidence=[
            (
                "strengths",
                "Becky has done a great deal to keep herself and the children safe and "
                "settled. We built on her own plan: she wants friends nearby and to finish "
                "her course, not formal care.",
            ),
            (
                "safeguarding",
                "I checked that Becky feels safe in her new home and that her safety plan is "
                "still right for her; she says it is. Her record is restricted, and we "
                "contact her only by text, as she asked.",
            ),
        ],
        completed_at=demo.at(meeting_day, 17, 5),
    )
    # A call today: its case note is not due yet.
    demo.contact(person, pat, demo.today, 9, 15, Contact.Method.PHONE, "Becky")


def _siobhan(demo: _Demo, person: Person, pat: User) -> None:
    # Due on the next working day: the case note (not started) and a draft package.
    meeting = demo.contact(
        person,
        pat,
        demo.contact_day_due_on(demo.next_working_day),
        14,
        0,
        Contact.Method.OFFICE,
        "Siobhan and her support worker, Dee",
    )
    demo.package(
        meeting,
        what=(
            "Support at home each evening, 5pm to 9pm, while Siobhan's mum, Bernadette, is in "
            "hospital for her operation: about two weeks."
        ),
        provider="Riverside Support",
        why=(
            "Siobhan wants to stay at home and keep going to work while her mum is in "
            "hospital. She manages well during the day, and has asked for company and help "
            "with cooking in the evenings."
        ),
    )


def _graham(demo: _Demo, person: Person, sam: User) -> None:
    # An occupational therapy visit, recorded on its due date: on time.
    visit_day = demo.working_days_ago(5)
    visit = demo.contact(person, sam, visit_day, 11, 0, Contact.Method.VISIT, "Graham")
    demo.case_note(
        visit,
        narrative=(
            "Occupational therapy visit to Graham at home. Since his knee operation Graham "
            "has found it hard to get in and out of the bath, and he has been washing at the "
            "sink. He wants to be able to have a proper bath again and to be back at his "
            "allotment in the spring.\n\n"
            "With his agreement, I watched Graham try to get into the bath. He is strong and "
            "steady on his feet but cannot lower himself safely. We tried a bath board and "
            "found the best place for a grab rail, and he managed well with both."
        ),
        made_decision=False,
        next_actions=(
            "Order a bath board and a grab rail by the bath. Visit again in three weeks to "
            "check they work for Graham."
        ),
        evidence=[
            (
                "independence",
                "Graham wants to wash himself, not to have someone do it for him. The right "
                "equipment lets him do that safely.",
            ),
            (
                "alternatives",
                "We chose equipment instead of care visits: it meets the need, it is what "
                "Graham wants, and it costs less.",
            ),
        ],
        completed_at=demo.at(demo.due(visit_day), 12, 30),
    )
    # A call 2 working days ago: its case note is due today (on a working day).
    demo.contact(person, sam, demo.working_days_ago(2), 15, 0, Contact.Method.PHONE, "Graham")


def _anjali(demo: _Demo, person: Person, riley: User) -> None:
    # A carer's assessment visit: the draft case note is overdue by 2 working days.
    visit = demo.contact(
        person,
        riley,
        demo.overdue_by(2),
        10,
        30,
        Contact.Method.VISIT,
        "Anju, with her husband Dinesh for part of the visit",
    )
    demo.case_note(
        visit,
        narrative=(
            "Carer's assessment visit with Anju. Dinesh joined us for some of the visit. Anju "
            "has cared for Dinesh for four years and wants to carry on, but she is sleeping "
            "badly because Dinesh is often awake in the night.\n\n"
            "Still to add: the options we talked about for a regular break."
        ),
    )


def _stanislaw(demo: _Demo, person: Person, riley: User) -> None:
    # A review visit 6 working days ago, recorded 1 working day late.
    visit_day = demo.working_days_ago(6)
    visit = demo.contact(
        person,
        riley,
        visit_day,
        11,
        0,
        Contact.Method.VISIT,
        "Stan, and his daughter Ania by phone",
    )
    demo.case_note(
        visit,
        narrative=(
            "I visited Stan at home to review his support. His daughter, Ania, joined us on "
            "speakerphone, as Stan asked. Stan told me he did not want an interpreter for "
            "this visit.\n\n"
            "Stan is doing well. He has lunch delivered four days a week and goes to the "
            "Polish club on Sundays, where he eats with friends. He says the morning visits "
            "help him start the day, but he would like them a little later, after 8.30.\n\n"
            "Stan is happy with the rest of his support and does not want any other changes."
        ),
        made_decision=False,
        next_actions=(
            "Ask the provider to move Stan's morning visit to after 8.30. Review again in six "
            "months."
        ),
        evidence=[
            (
                "culture",
                "I asked Stan whether he wanted a Polish interpreter and respected his choice "
                "not to have one. Sunday Mass and the Polish club matter a great deal to him, "
                "and his support is arranged around them.",
            ),
            (
                "strengths",
                "Stan knows what works for him. We changed the time of one visit rather than "
                "adding more support.",
            ),
        ],
        completed_at=demo.at(demo.working_days_after(demo.due(visit_day), 1), 9, 40),
    )
    # A call today with his daughter: its case note is not due yet.
    demo.contact(
        person,
        riley,
        demo.today,
        8,
        45,
        Contact.Method.PHONE,
        "Ania Wójcik, Stan's daughter",
    )


def _frank(demo: _Demo, person: Person, olly: User) -> None:
    # Met on the ward 3 working days ago; a decision, recorded the same day.
    ward_day = demo.working_days_ago(3)
    ward = demo.contact(
        person,
        olly,
        ward_day,
        10,
        15,
        Contact.Method.HOSPITAL,
        "Frank, the ward nurse and the ward occupational therapist",
    )
    demo.case_note(
        ward,
        narrative=(
            "I met Frank on the ward to plan his discharge. He came into hospital after a "
            "fall at home and has been treated for a chest infection. He is now well enough "
            "to go home.\n\n"
            "Frank is walking with a frame and managed the stairs with the physiotherapist "
            "yesterday. He is clear that he wants to go home to his dog, Bramble, and his own "
            "routines. The occupational therapist thinks he can manage at home with some "
            "help for a few weeks while he gets his strength back."
        ),
        made_decision=True,
        decision=(
            "Frank will go home on the next working day with reablement: up to four visits a "
            "day, for up to six weeks, to help him get back his strength and confidence."
        ),
        decision_reasons=(
            "Reablement gives Frank the best chance of managing on his own again, and it "
            "lets him go home, as he wants. It is free for up to six weeks."
        ),
        legal_basis=CaseNote.LegalBasis.CARE_ACT,
        legal_section="section 2",
        options=[
            OptionInput(
                option="A short stay in a care home while he recovers",
                why_not_appropriate=(
                    "Frank wants to go home, and the therapists think he can manage there "
                    "with support. A care home stay could knock his confidence, and he would "
                    "be apart from Bramble for longer."
                ),
            )
        ],
        next_actions=(
            "The reablement team starts on the day Frank goes home. His neighbour will bring "
            "Bramble home that afternoon. Review at the end of reablement."
        ),
        evidence=[
            (
                "partners",
                "I planned Frank's discharge with the ward nurse, the occupational therapist "
                "and the reablement team, so that everyone knows what Frank wants to achieve.",
            ),
            (
                "independence",
                "The plan is about Frank getting back to doing things for himself at home, "
                "not about care for good.",
            ),
        ],
        completed_at=demo.at(ward_day, 16, 30),
    )
    # A call once he was home: its case note is due on the next working day.
    demo.contact(
        person,
        olly,
        demo.contact_day_due_on(demo.next_working_day),
        15,
        30,
        Contact.Method.PHONE,
        "Frank, at home",
    )


STORIES: dict[str, Callable[[_Demo, Person, User], None]] = {
    "HCC-104211": _doreen,
    "HCC-104218": _tariq,
    "HCC-104225": _eleanor,
    "HCC-104230": _kwame,
    "HCC-104237": _rebecca,
    "HCC-104244": _siobhan,
    "HCC-104252": _graham,
    "HCC-104259": _anjali,
    "HCC-104266": _stanislaw,
    "HCC-104273": _frank,
}


def _details(nhs, address, postcode, gender, ethnicity, reason, **more) -> dict:
    """The demo person's details and Client Level Data fields (issue 17). The NHS numbers
    are in the 999 range the NHS keeps for tests, with valid check digits."""
    return {
        "nhs_number": nhs,
        "address": address,
        "postcode": postcode,
        "gender": gender,
        "gender_same_as_birth": cld.GenderSameAsBirth.YES,
        "ethnicity": ethnicity,
        "primary_support_reason": reason,
        "accommodation_status": more.pop("accommodation", cld.AccommodationStatus.OWNER),
        "employment_status": more.pop("employment", cld.EmploymentStatus.NOT_SEEKING),
        "has_unpaid_carer": more.pop("carer", cld.HasUnpaidCarer.NO),
        "gp_practice": more.pop("gp", "Wallace House Surgery"),
        "gp_practice_code": more.pop("gp_code", "E82019"),
        **more,
    }


_E, _R, _A = cld.Ethnicity, cld.PrimarySupportReason, cld.AccommodationStatus
DETAILS = {
    "HCC-104211": _details("9991042016", "4 Chapel Lane\nHertford", "SG14 1AB", "Female",
                           _E.WHITE_BRITISH, _R.PHYSICAL_PERSONAL, carer=cld.HasUnpaidCarer.YES,
                           phone="01632 960 101"),
    "HCC-104218": _details("9991042024", "19 Hale Road\nHertford", "SG13 8EN", "Male",
                           _E.ASIAN_PAKISTANI, _R.PHYSICAL_ACCESS, carer=cld.HasUnpaidCarer.YES,
                           employment=cld.EmploymentStatus.PAID_UNDER_16, phone="07700 900 218"),
    "HCC-104225": _details("9991042032", "7 Fanshawe Street\nHertford", "SG14 3AT", "Female",
                           _E.WHITE_BRITISH, _R.SENSORY_HEARING,
                           email="nell.fairbrother@example.org"),
    "HCC-104230": _details("9991042040", "52 Queens Road\nHertford", "SG13 8AZ", "Male",
                           _E.BLACK_AFRICAN, _R.PHYSICAL_PERSONAL, carer=cld.HasUnpaidCarer.YES),
    "HCC-104237": _details("9991042059", "Address withheld: ask the allocated worker", "SG13 7DG",
                           "Female", _E.WHITE_BRITISH, _R.MENTAL_HEALTH,
                           accommodation=_A.TENANT_SOCIAL,
                           employment=cld.EmploymentStatus.SEEKING),
    "HCC-104244": _details("9991042067", "33 Molewood Road\nHertford", "SG14 3AQ", "Female",
                           _E.WHITE_IRISH, _R.LEARNING_DISABILITY, accommodation=_A.SETTLED_FAMILY,
                           carer=cld.HasUnpaidCarer.YES,
                           employment=cld.EmploymentStatus.PAID_UNDER_16),
    "HCC-104252": _details("9991042075", "1 Beane Road\nHertford", "SG14 3EH", "Male",
                           _E.WHITE_BRITISH, _R.PHYSICAL_ACCESS),
    "HCC-104259": _details("9991042083", "12 Warren Park Road\nHertford", "SG14 3JA", "Female",
                           _E.ASIAN_INDIAN, _R.NOT_KNOWN, client_type=cld.ClientType.CARER),
    "HCC-104266": _details("9991042091", "Flat 3, Dicker Mill\nHertford", "SG13 7AA", "Male",
                           _E.WHITE_OTHER, _R.MEMORY, accommodation=_A.SHELTERED),
    "HCC-104273": _details("9991042105", "6 Bancroft\nHitchin", "SG5 1JW", "Male",
                           _E.WHITE_BRITISH, _R.PHYSICAL_PERSONAL, accommodation=_A.HOSPITAL,
                           gp="Regal Chambers Surgery", gp_code="E82051"),
}  # fmt: skip


def demo_case_records_load(*, today: date) -> None:
    """Create the demo people and their contacts and records, as on `today` (the local
    date now). Needs the demo teams and logins (`demo.data.demo_data_load`) and an
    active framework."""
    framework = ActiveFramework.current()
    if framework is None:
        raise ValueError("Choose the active framework before loading the demo case record.")
    demo = _Demo(today=today, framework=framework)
    teams = {team.name: team for team in Team.objects.filter(name__in=[NORTH, HOSPITAL])}
    workers = {spec.worker for spec in PEOPLE}
    users = {user.username: user for user in User.objects.filter(username__in=workers)}
    for spec in PEOPLE:
        worker = users[spec.worker]
        person, _ = Person.objects.update_or_create(
            council_reference=spec.council_reference,
            defaults={
                "name": spec.name,
                "preferred_name": spec.preferred_name,
                "date_of_birth": spec.date_of_birth,
                "communication_needs": spec.communication_needs,
                "identity_and_culture": spec.identity_and_culture,
                "team": teams[spec.team],
                "allocated_worker": worker,
                "is_restricted": spec.is_restricted,
                **DETAILS.get(spec.council_reference, {}),
            },
        )
        if not person.contacts.exists():
            STORIES[spec.council_reference](demo, person, worker)


# --- Issue 18: the statutory return's health flags and funding, and the unpaid carers ---

# The adults the demo's unpaid carers care for, who are not otherwise on the demo's
# caseloads: (carer's reference, hours caring a week, the cared-for adult's details).
CARED_FOR = [
    (
        "HCC-104259",  # Anjali cares for her husband, Dinesh
        50,
        {
            "council_reference": "HCC-104260",
            "name": "Dinesh Patel",
            "date_of_birth": date(1958, 2, 14),
            "nhs_number": "9991042601",
            "address": "12 Warren Park Road\nHertford",
            "postcode": "SG14 3JA",
            "gender": "Male",
            "ethnicity": cld.Ethnicity.ASIAN_INDIAN,
            "primary_support_reason": cld.PrimarySupportReason.MEMORY,
        },
    ),
    (
        "HCC-104310",  # Lorna cares for her husband, Keith
        35,
        {
            "council_reference": "HCC-104317",
            "name": "Keith Fitch",
            "date_of_birth": date(1955, 10, 2),
            "nhs_number": "9991043195",
            "address": "30 Bullocks Lane\nHertford",
            "postcode": "SG13 7BG",
            "gender": "Male",
            "ethnicity": cld.Ethnicity.WHITE_BRITISH,
            "primary_support_reason": cld.PrimarySupportReason.PHYSICAL_PERSONAL,
        },
    ),
    (
        "HCC-104314",  # Lucy cares for her brother, Daniel
        20,
        {
            "council_reference": "HCC-104318",
            "name": "Daniel Pereira",
            "date_of_birth": date(1975, 4, 30),
            "nhs_number": "9991043209",
            "address": "8 Byde Street\nHertford",
            "postcode": "SG14 3BS",
            "gender": "Male",
            "ethnicity": cld.Ethnicity.WHITE_OTHER,
            "primary_support_reason": cld.PrimarySupportReason.LEARNING_DISABILITY,
        },
    ),
]


def _health_and_funding(person: Person) -> dict:
    """The CLD flags from what the demo says of the person (their primary support
    reason), and who funds their care (the council, unless they are a carer)."""
    reason = person.primary_support_reason
    flag = {True: cld.HealthCondition.YES, False: cld.HealthCondition.NO}
    return {
        "autism": flag[reason == cld.PrimarySupportReason.LEARNING_DISABILITY],
        "visual_impairment": flag[reason == cld.PrimarySupportReason.SENSORY_VISUAL],
        "hearing_impairment": flag[reason == cld.PrimarySupportReason.SENSORY_HEARING],
        "dementia": flag[reason == cld.PrimarySupportReason.MEMORY],
        "client_funding_status": cld.ClientFundingStatus.COUNCIL,
    }


def demo_carers_load() -> None:
    """Every demo person's health flags and funding status; the unpaid carers' adults
    they care for and their hours caring. Needs the demo people of every app (run
    after `frontdoor.demo`); safe to run again."""
    from recording.models import CarerLink

    carers = {
        p.council_reference: p
        for p in Person.objects.filter(council_reference__in=[ref for ref, _, _ in CARED_FOR])
    }
    for reference, hours, details in CARED_FOR:
        carer = carers.get(reference)
        if carer is None:
            continue
        cared_for, _ = Person.objects.get_or_create(
            council_reference=details["council_reference"],
            defaults={
                **details,
                "team": carer.team,
                "gender_same_as_birth": cld.GenderSameAsBirth.YES,
                "has_unpaid_carer": cld.HasUnpaidCarer.YES,
                "accommodation_status": cld.AccommodationStatus.OWNER,
                "employment_status": cld.EmploymentStatus.NOT_SEEKING,
                "gp_practice": "Wallace House Surgery",
                "gp_practice_code": "E82019",
            },
        )
        CarerLink.objects.get_or_create(carer=carer, cared_for=cared_for, defaults={"position": 1})
        if carer.hours_caring_per_week is None:
            carer.hours_caring_per_week = hours
            carer.save(update_fields=["hours_caring_per_week"])
    for person in Person.objects.filter(council_reference__startswith="HCC-", dementia=""):
        for name, value in _health_and_funding(person).items():
            setattr(person, name, value)
        person.save()
