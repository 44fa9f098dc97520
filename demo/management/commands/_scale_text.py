"""The words of the `seed_scale` data set: names and short passages, combined at random
(from the command's seeded generator). Fictional throughout.

No passage may contain a tab, a newline or a backslash: PostgreSQL's COPY reads rows
as tab-separated text, and these are written without escaping (a test checks).
"""


def _words(names: str) -> tuple[str, ...]:
    return tuple(names.split())


FIRST_NAMES = _words(
    """
    Aaliyah Abdul Ada Agnes Ahmed Aisha Alan Albert Alice Amara Amir Angela Anil Ann Arthur
    Barbara Beatrice Bernard Bilal Brenda Bridget Carol Catherine Chen Clifford Colin Connor
    Daphne David Deepa Dennis Derek Dorothy Edith Edward Elsie Emeka Ethel Fatima Florence
    Frank Gareth Geoffrey Gladys Grace Graham Gurpreet Harold Hazel Ibrahim Irene Ivy Jack
    Janet Jean Joan John Joyce Kamala Kathleen Keith Kenneth Leon Lilian Malcolm Margaret
    Marjorie Maureen Mohammed Nadia Neil Nora Olive Patricia Peter Priya Raymond Rita Roy
    Ruth Sandra Shirley Sian Stanley Sunita Sylvia Terence Thomas Valerie Vera Wei Winifred
    Yusuf Zainab
    """
)

LAST_NAMES = _words(
    """
    Adeyemi Ahmed Ali Allen Anderson Atkinson Bailey Baker Barnes Begum Bennett Bhatt Booth
    Bradley Brown Butler Campbell Carter Chapman Clarke Cole Cooper Cox Davies Dixon Doyle
    Edwards Ellis Evans Fisher Fletcher Foster Gibson Graham Gray Green Hall Harris Hughes
    Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Khan King Knight Lee Lewis Marsh
    Martin Mason Mills Mitchell Moore Morgan Murphy Nowak Okafor Owen Palmer Parker Patel
    Pearson Phillips Price Quinn Reid Richards Roberts Robinson Rose Shah Singh Smith
    Stevens Taylor Thomas Thompson Turner Walker Ward Watson White Williams Wilson Wood
    Wright Young
    """
)

PREFERRED_NAMES = ("Bert", "Dot", "Bill", "Peggy", "Ted", "Maggie", "Kath", "Mo", "Nell", "Ron")

COMMUNICATION_NEEDS = (
    "Hard of hearing: face them and speak clearly.",
    "Uses British Sign Language: book an interpreter.",
    "Prefers an interpreter for longer conversations.",
    "Easy read letters, please.",
    "Large print letters, please.",
    "Has aphasia: ask one question at a time and give time to answer.",
    "Tires in the afternoon, so mornings are best.",
)

STAFF_JOB_TITLES = ("Social worker", "Occupational therapist", "Community care assessor")

WITH_WHOM = (
    "{name}",
    "{name}",
    "{name} and their daughter",
    "{name} and their son",
    "{name} and their partner",
    "{name} and a family carer",
    "{name}'s GP surgery",
    "Ward staff about {name}",
    "{name}'s home care provider",
)

CASE_NOTE_OPENINGS = (
    "Visited at home; their daughter was there for part of the visit.",
    "Phoned to follow up the referral from the GP.",
    "Met on the ward to plan going home.",
    "Video call with the person and their son.",
    "Office appointment at the person's request.",
    "Phoned the home care provider about missed calls.",
    "Visited with the occupational therapist to look at the bathroom.",
    "Returned a call from the person's neighbour, with the person's consent.",
    "Visited after a fall last week.",
    "Phoned to check how the new care package is going.",
    "Met at the day centre, where they feel most at ease.",
    "Joint visit with the district nurse.",
)

CASE_NOTE_FINDINGS = (
    "They told me that staying at home matters most to them.",
    "They are managing meals but find washing hard in the mornings.",
    "Their carer is tired and would like a break.",
    "They want to get back to the lunch club on Wednesdays.",
    "They said the carers rush and they would like the same faces.",
    "They are worried about money since the boiler broke.",
    "They feel lonely since their partner died.",
    "They are walking further with the frame and are pleased.",
    "They do not want residential care and understand the risks of staying home.",
    "They would like help to manage their medication.",
    "They have not been eating well and have lost weight.",
    "They are keen to try telecare so they feel safer at night.",
)

NEXT_ACTIONS = (
    "Refer to occupational therapy for a bathing assessment.",
    "Call again next week to see how things are.",
    "Ask the provider for a consistent team of carers.",
    "Send the carers' assessment form.",
    "Make a referral for a telecare pendant.",
    "Signpost to the lunch club and community transport.",
    "Book a review of the care package in six weeks.",
    "Share the plan with the GP, with the person's consent.",
)

DECISIONS = (
    "Arrange a short package of morning support.",
    "Increase home care to three calls a day.",
    "Arrange respite for the carer next month.",
    "Start a needs assessment.",
    "Close the referral: needs met by the community offer.",
    "Arrange a telecare pendant.",
)

DECISION_REASONS = (
    "It meets the need they told me about and keeps them at home, as they want.",
    "It is the least restrictive option and they agreed to it.",
    "Their carer cannot continue without a break; both agreed.",
    "The community offer meets their needs without a formal service.",
)

LEGAL_SECTIONS = ("section 9", "section 10", "section 18", "section 19", "")

PACKAGE_WHAT = (
    "Morning call for help with washing and dressing.",
    "Two calls a day for meals and medication.",
    "Overnight sitting service for one week.",
    "Four calls a day while the reablement team assess.",
    "Day centre place twice a week with transport.",
)

PROVIDERS = (
    "Brookside Home Care",
    "Valley Care Services",
    "Hometown Helpers",
    "Riverside Reablement",
    "Greenway Care",
)

PACKAGE_WHY = (
    "Home from hospital today; the full assessment will follow.",
    "The family carer is in hospital and no one else can help.",
    "Risk of a fall at night until the assessment is done.",
    "Not eating well; support needed before the assessment.",
)

WHAT_MATTERS = (
    "Staying in my own home with my cat.",
    "Seeing my grandchildren every Sunday.",
    "Getting to church on Sundays.",
    "Being able to cook my own meals.",
    "Not being a burden on my daughter.",
    "Going back to the allotment in the spring.",
)

STRENGTHS = (
    "Determined and knows what help they want.",
    "A close family who visit often.",
    "Good neighbours who look in each day.",
    "A member of the local church.",
    "Manages their own money well.",
)

WELLBEING = (
    "Low mood since the fall, and worried about managing alone.",
    "Not sleeping well and anxious about the nights.",
    "Feels isolated since giving up driving.",
    "Frustrated at needing help with personal care.",
)

CARERS = (
    "Their daughter helps each evening.",
    "No family carer.",
    "Their partner is their main carer and is tired.",
)

PREVENTION = (
    "Signposted to the falls prevention class and community transport.",
    "Gave details of the carers' centre and the lunch club.",
    "Referred for a benefits check.",
)

ELIGIBILITY_REASONS = (
    "Needs arise from their physical health, they cannot achieve two or more outcomes, and "
    "this has a significant impact on their wellbeing.",
    "Needs arise from their physical health, but they can achieve most outcomes with the "
    "equipment in place.",
)

PLAN_TEXT = (
    "If the carers cannot come, their daughter will call the duty team.",
    "If they feel unwell, the pendant alerts the response service.",
    "Their neighbour has a key and will check on them.",
)

REVIEW_SUMMARY = (
    "Things are going well; they feel safer at home.",
    "The morning calls help, but they would like a later time.",
    "They have settled at the day centre and enjoy it.",
    "They are doing more for themselves, so calls can reduce.",
)

SAFEGUARDING_CONCERN = (
    "Bruising noticed on the arm; they say a carer handled them roughly.",
    "A neighbour is taking their bank card to do the shopping and money is missing.",
    "Found without food or heating on a cold day.",
    "Says their son shouts at them and they are frightened.",
)

SAFEGUARDING_PRINCIPLE = (
    "Asked them what they want to happen and respected their answer.",
    "Agreed a plan with the family and the provider.",
    "Acted in proportion to the risk they described.",
    "Shared only what was needed, with their consent.",
)

SAFEGUARDING_ACTION = (
    "Raised with the provider and agreed a change of carers.",
    "Bank contacted with the person; card cancelled.",
    "Emergency heating and food arranged today.",
    "Referred to the safeguarding team for an enquiry.",
)

EVIDENCE = (
    "Asked what matters to them and recorded it in their words.",
    "Built on what they can do and the help their family gives.",
    "Looked at community options before a formal service.",
    "Talked through the risks and respected their choice.",
    "Explained their rights under the Care Act and gave them the leaflet.",
    "Wrote this within two working days of the visit.",
    "Checked the support is good value and meets their needs.",
    "Worked with the GP and the district nurse, with consent.",
    "Recorded their faith and what it means for visit times.",
    "Used plain English and read the note back to them.",
    "Agreed the plan with them before arranging anything.",
    "Offered an interpreter and booked one for the next visit.",
)

AUTHORISATION_RETURNED = (
    "Please add the person's own words about what matters to them.",
    "The budget does not match the support listed: please check.",
    "Please record why direct payments were not taken up.",
)

UNMET_NEEDS = (
    "Needs help to get in and out of the bath.",
    "Cannot stand long enough to cook a meal.",
    "Needs prompting to eat regularly.",
    "Needs help with buttons and shoes.",
    "Cannot get to the shops or the bus stop alone.",
    "Has fallen on the stairs twice.",
)

PLAN_OUTCOMES = (
    "I want to cook my own meals again.",
    "I want to stay living in my own home.",
    "I want to get to church on Sundays.",
    "I want to wash and dress without rushing.",
    "I want to see my friends at the lunch club.",
    "I want my daughter to have a break.",
)

PLAN_SUPPORTS = (
    ("Help with washing and dressing.", "A morning call from home care.", "traditional"),
    ("Meals and medication.", "Two calls a day from home care.", "traditional"),
    ("Feeling safe at night.", "A telecare pendant and falls sensor.", "technology"),
    ("Company and a hot lunch.", "The lunch club on Wednesdays.", "non_traditional"),
    ("A break for their carer.", "A day centre place once a week.", "traditional"),
)

REVIEW_NOTES = (
    "Going well.",
    "Some days are harder than others.",
    "Would like more help in the mornings.",
    "",
)

# The front door and the caseload (issue 17).
ASKED_FOR = (
    "Help getting washed and dressed since the fall.",
    "Support at home after leaving hospital.",
    "Her daughter is worried she is not eating and forgets her tablets.",
    "He is struggling with the stairs and cannot get in the bath.",
    "A break for his wife, who cares for him day and night.",
    "Help with shopping and getting out to see people.",
    "The GP asks for an assessment: memory getting worse, living alone.",
    "Advice about paying for care and what help there is.",
    "Equipment to make the bathroom safe.",
    "Somewhere to live with support after the hostel closes.",
)
NFA_REASONS = (
    "Needs met by the family, who are happy to carry on.",
    "Declined any support after we talked it through.",
    "Moved to another council's area before screening.",
    "Already receiving the support asked for.",
)
PRIORITY_REASONS = {
    "high": (
        "Lives alone; carer admitted to hospital.",
        "Falls twice this month; no support at home.",
        "Carer at breaking point.",
    ),
    "medium": ("", "Family visiting daily for now.", "Some support from neighbours."),
    "low": (
        "Managing with equipment; wants advice in time.",
        "Family support in place; review in the spring.",
    ),
}
REALLOCATION_REASONS = (
    "Worker left the council.",
    "Worker on long-term sick leave.",
    "Balancing the team's caseloads.",
    "Better fit: the worker knows the family.",
)
