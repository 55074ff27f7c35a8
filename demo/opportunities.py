"""The demo opportunities to get involved, dated relative to the day the demo is loaded."""

import datetime

from django.utils import timezone

from demo.organisation import (
    DOMAIN,
    ENGAGEMENT_TEAM,
    MATERNITY_TEAM,
    MEDICINES_TEAM,
    PATIENT_EXPERIENCE_TEAM,
)
from demo.sync import details, heading, inset, paragraph, table, warning

INDEX_SLUG = "get-involved"

ALL_FORMATS = ["easy_read", "large_print", "bsl", "other_languages", "paper"]


def formats_how(team):
    name, email, phone = team
    return (
        f"Call the {name} on {phone} or email {email} and we will send it to you within five "
        "working days. For British Sign Language, text or email us and we will arrange a "
        "video or face-to-face interpreter."
    )


# Each opportunity: day offsets from the load date, so the statuses the demo shows never go
# stale. `event` is (day, start "HH:MM", end "HH:MM"). The comment on each line says which
# public status it is there to show.
OPPORTUNITIES = [
    {
        # open, a formal 12-week consultation about a service change
        "slug": "future-of-urgent-care",
        "title": "The future of urgent care: NHS 111 and urgent treatment centres",
        "opportunity_type": "consultation",
        "level": "consult",
        "is_service_change": True,
        "opens": -40,
        "closes": 44,
        "summary": "We propose to bring the Mansfield walk-in centre and the out-of-hours GP "
        "service together in one urgent treatment centre, open 8am to 10pm every day and "
        "bookable through NHS 111. No decision has been made: tell us what you think.",
        "intro": "This is a formal public consultation, so we must consider everything people "
        "tell us before the Governing Bodies decide.",
        "topics": ["urgent-care", "primary-care"],
        "audiences": ["older-people", "parents", "seldom-heard"],
        "online_link": f"https://surveys.{DOMAIN}/urgent-care",
        "how_to_take_part": "<ol>"
        "<li>Read the consultation summary; an easy read version is available.</li>"
        "<li>Answer the questionnaire online, or ask us for a paper copy with a freepost envelope.</li>"
        "<li>Come to one of the drop-in sessions listed on this page, or ask us to visit your group.</li>"
        "</ol>",
        "formats": ALL_FORMATS,
        "team": ENGAGEMENT_TEAM,
        "body": lambda day: [
            heading("What we are proposing"),
            paragraph(
                "<p>Today people with an urgent but not life-threatening problem can go to the "
                "walk-in centre, call the out-of-hours GP service or go to A&amp;E. Many people "
                "told us this is confusing. We propose one urgent treatment centre with GPs, "
                "nurses and X-ray on site, that you can walk into or book through NHS 111.</p>"
            ),
            heading("Why we are proposing it"),
            paragraph(
                "<ul><li>Many people who go to A&amp;E with minor problems could be seen more quickly "
                "somewhere else.</li><li>Booking through NHS 111 means shorter waits on arrival."
                "</li><li>Staff now split across two services could work as one team.</li></ul>"
            ),
            table(
                "Drop-in sessions",
                [
                    ["Date", "Time", "Place"],
                    [day(-20), "10am to 1pm", "Mansfield Central Library"],
                    [day(-6), "2pm to 5pm", "Kirkby-in-Ashfield Festival Hall"],
                    [day(12), "5pm to 8pm", "Newark Town Hall"],
                    [day(30), "10am to 1pm", "Online, with BSL interpretation"],
                ],
            ),
            details(
                "What happens after the consultation closes",
                "<p>An independent organisation will analyse every response. The Governing Bodies "
                "will see the full report, and the council's health scrutiny committee will be "
                "asked for its views, before any decision. We will publish what you said and what "
                "we decided.</p>",
            ),
        ],
    },
    {
        # open, and its last day is today
        "slug": "gp-appointments-survey",
        "title": "Getting a GP appointment: tell us how it works for you",
        "opportunity_type": "survey",
        "level": "engage",
        "opens": -28,
        "closes": 0,
        "summary": "A ten-minute survey about booking appointments at your GP practice by phone, "
        "online or in person, and what would make it easier.",
        "topics": ["primary-care"],
        "audiences": ["long-term-conditions", "patient-groups", "older-people"],
        "online_link": f"https://surveys.{DOMAIN}/gp-appointments",
        "how_to_take_part": "<p>Fill in the survey online. If you would rather answer over the "
        "phone, call us and we will go through the questions with you.</p>",
        "formats": ["easy_read", "large_print", "paper", "other_languages"],
        "team": ENGAGEMENT_TEAM,
        "body": lambda day: [
            warning("Last day", "<p>The survey closes at midnight tonight.</p>"),
            paragraph(
                "<p>Your answers are anonymous. We will share the results with every GP practice "
                "and the patient participation groups, and publish what changes as a result.</p>"
            ),
        ],
    },
    {
        # open, with no closing date
        "slug": "mental-health-lived-experience-panel",
        "title": "Join our mental health lived experience panel",
        "opportunity_type": "panel",
        "level": "engage",
        "opens": -180,
        "closes": None,
        "summary": "A standing panel of people with lived experience of mental ill health, and the "
        "people who care for them, who help us plan and check community mental health services.",
        "intro": "The panel meets every two months and is always open to new members.",
        "topics": ["mental-health"],
        "audiences": ["carers", "young-people", "seldom-heard"],
        "location": "Meetings alternate between Mansfield and Newark, and you can always join online.",
        "how_to_take_part": "<p>Email or phone the engagement team for an informal chat. There is "
        "no application form and no experience is needed. We pay travel expenses and offer a "
        "voucher for each meeting, in line with our payment and recognition policy.</p>",
        "formats": ["easy_read", "large_print", "bsl"],
        "team": ENGAGEMENT_TEAM,
        "body": lambda day: [
            paragraph(
                "<p>Panel members read draft service plans, help us write questions for surveys "
                "and sit on interview panels for new services. You choose how much you take part.</p>"
            ),
            inset("<p>If you need help now, call NHS 111 and choose the mental health option.</p>"),
        ],
    },
    {
        # upcoming: bookings open in ten days
        "slug": "maternity-focus-group",
        "title": "Maternity care: focus group for new and expectant parents",
        "opportunity_type": "focus_group",
        "level": "engage",
        "opens": 10,
        "closes": 30,
        "event": (24, "10:00", "12:00"),
        "summary": "Help us understand what makes a good experience of antenatal care, birth and "
        "the first weeks at home, so we can improve information about birth choices.",
        "topics": ["maternity", "children-young-people"],
        "audiences": ["parents", "seldom-heard"],
        "location": "Family room, Sherwood Children's Centre, Ollerton.\nFree parking; a crèche is provided.",
        "how_to_take_part": "<p>Book a place from the opening date by phone or email. Babies are "
        "welcome, and partners too. We cover travel costs.</p>",
        "formats": ["easy_read", "other_languages", "bsl"],
        "team": MATERNITY_TEAM,
    },
    {
        # open: an involvement café later this week
        "slug": "care-closer-to-home-cafe-newark",
        "title": "Involvement café: care closer to home in Newark",
        "opportunity_type": "involvement_cafe",
        "level": "engage",
        "opens": -14,
        "closes": 9,
        "event": (9, "14:00", "16:00"),
        "summary": "Drop in for tea and a chat with the people who plan community nursing, "
        "therapy and equipment services, and tell us what would help you stay well at home.",
        "topics": ["community-services"],
        "audiences": ["older-people", "carers", "long-term-conditions"],
        "location": "Community room, Riverside Centre, Newark.\nStep-free access and a hearing loop.",
        "how_to_take_part": "<p>Just come along: there is no need to book. If you need transport "
        "or an interpreter, let us know two days before.</p>",
        "formats": ["large_print", "bsl"],
        "team": ENGAGEMENT_TEAM,
    },
    {
        # open: a volunteer role recruiting until next month
        "slug": "community-engagement-champion",
        "title": "Volunteer as a community engagement champion",
        "opportunity_type": "volunteer_role",
        "level": "engage",
        "opens": -60,
        "closes": 30,
        "summary": "Help us reach people we seldom hear from: share news about local NHS services "
        "in your community and bring back what people tell you. Training and expenses provided.",
        "intro": "Champions give about four hours a month and get full training and support.",
        "topics": ["primary-care", "mental-health"],
        "audiences": ["seldom-heard", "young-people"],
        "how_to_take_part": "<ol><li>Call or email for a role description.</li><li>Have an informal "
        "chat with the engagement team.</li><li>Join the next training day.</li></ol>",
        "formats": ["easy_read", "large_print", "other_languages"],
        "team": ENGAGEMENT_TEAM,
    },
    {
        # open: online and face-to-face workshops for young people
        "slug": "young-peoples-mental-health-workshops",
        "title": "Young people's mental health: what helps?",
        "opportunity_type": "focus_group",
        "level": "engage",
        "opens": -7,
        "closes": 21,
        "event": (14, "16:30", "18:00"),
        "summary": "Workshops for people aged 13 to 25 about getting support for anxiety, low mood "
        "and stress, and how schools, colleges, GPs and online services could work better together.",
        "topics": ["mental-health", "children-young-people"],
        "audiences": ["young-people"],
        "location": "Youth room, Mansfield Library.",
        "online_link": f"https://meet.{DOMAIN}/young-minds",
        "how_to_take_part": "<p>Sign up online or ask your school or college wellbeing lead. Each "
        "person who takes part gets a £20 voucher. If you are under 16 we will ask a parent or "
        "carer to agree.</p>",
        "formats": ["easy_read", "other_languages"],
        "team": ENGAGEMENT_TEAM,
    },
    {
        # closed: analysing responses, outcome promised for a date still to come
        "slug": "physiotherapy-self-referral-survey",
        "title": "Community physiotherapy: should you be able to refer yourself?",
        "opportunity_type": "survey",
        "level": "engage",
        "opens": -62,
        "closes": -20,
        "outcome_expected": 40,
        "summary": "We asked whether people with back, joint and muscle problems should be able to "
        "book community physiotherapy without seeing a GP first.",
        "topics": ["community-services"],
        "audiences": ["long-term-conditions", "older-people"],
        "online_link": f"https://surveys.{DOMAIN}/physio",
        "how_to_take_part": "<p>Complete the survey online or on paper.</p>",
        "formats": ["large_print", "paper"],
        "team": PATIENT_EXPERIENCE_TEAM,
    },
    {
        # closed long ago and past its outcome date with no outcome: overdue
        "slug": "wheelchair-services-survey",
        "title": "Wheelchair services: tell us about your experience",
        "opportunity_type": "survey",
        "level": "engage",
        "opens": -260,
        "closes": -200,
        "summary": "We asked wheelchair users and their carers about assessments, waiting times, "
        "repairs and how well their chair meets their needs.",
        "topics": ["community-services"],
        "audiences": ["learning-disability", "carers", "older-people"],
        "online_link": f"https://surveys.{DOMAIN}/wheelchairs",
        "how_to_take_part": "<p>Complete the survey online, on paper or by phone.</p>",
        "formats": ALL_FORMATS,
        "team": PATIENT_EXPERIENCE_TEAM,
    },
    {
        # outcome published (answered by a 'You said, We did' item)
        "slug": "nhs-111-out-of-hours-survey",
        "title": "NHS 111 and out-of-hours care: what matters to you?",
        "opportunity_type": "survey",
        "level": "engage",
        "opens": -380,
        "closes": -320,
        "summary": "We asked people about using NHS 111 and the out-of-hours GP service in the "
        "evenings, at weekends and on bank holidays.",
        "topics": ["urgent-care"],
        "audiences": ["parents", "older-people"],
        "online_link": f"https://surveys.{DOMAIN}/nhs-111",
        "how_to_take_part": "<p>Complete the survey online or on paper.</p>",
        "formats": ["easy_read", "large_print", "paper"],
        "team": ENGAGEMENT_TEAM,
    },
    {
        # outcome published; an 'inform' event about a category A saving
        "slug": "medicines-waste-roadshow",
        "title": "Medicines waste roadshow",
        "opportunity_type": "event",
        "level": "inform",
        "opens": -190,
        "closes": -160,
        "event": (-160, "10:00", "15:00"),
        "summary": "Pharmacists explained how unused medicines are wasted and how to order only "
        "what you need, and asked shoppers a few quick questions about their repeat prescriptions.",
        "topics": ["medicines"],
        "audiences": ["older-people", "carers"],
        "location": "Market Place, Mansfield (stand by the Town Hall).",
        "how_to_take_part": "<p>Drop in to the stand on the day.</p>",
        "formats": ["large_print", "other_languages"],
        "team": MEDICINES_TEAM,
    },
    {
        # outcome published; a formal consultation on a service change
        "slug": "mental-health-day-services-consultation",
        "title": "Proposed changes to community mental health day services",
        "opportunity_type": "consultation",
        "level": "consult",
        "is_service_change": True,
        "opens": -540,
        "closes": -456,
        "summary": "We consulted on replacing two mental health day centres with recovery "
        "workers based in GP practices and community venues, open into the evening.",
        "topics": ["mental-health"],
        "audiences": ["carers", "seldom-heard"],
        "online_link": f"https://surveys.{DOMAIN}/day-services",
        "how_to_take_part": "<p>Respond online, on paper, or at one of the public meetings.</p>",
        "formats": ALL_FORMATS,
        "team": ENGAGEMENT_TEAM,
    },
    {
        # upcoming: an 'inform' session online, with a BSL interpreter
        "slug": "repeat-prescriptions-information-session",
        "title": "Changes to ordering repeat prescriptions: online information session",
        "opportunity_type": "event",
        "level": "inform",
        "opens": 5,
        "closes": 19,
        "event": (19, "18:00", "19:00"),
        "summary": "From next year, pharmacies will no longer order repeat prescriptions for you. "
        "Find out how to order through your GP practice or the NHS App, and ask questions.",
        "intro": "The decision has been made; this session explains what changes and how to get "
        "help with it.",
        "topics": ["medicines", "primary-care"],
        "audiences": ["long-term-conditions", "older-people", "bsl-users"],
        "online_link": f"https://meet.{DOMAIN}/repeat-prescriptions",
        "how_to_take_part": "<p>Register from the opening date to get the joining link. A British "
        "Sign Language interpreter and live captions are provided.</p>",
        "formats": ["easy_read", "large_print", "bsl"],
        "team": MEDICINES_TEAM,
    },
    {
        # upcoming: an involvement café next month
        "slug": "life-after-cancer-cafe",
        "title": "Involvement café: life after cancer treatment",
        "opportunity_type": "involvement_cafe",
        "level": "engage",
        "opens": 3,
        "closes": 35,
        "event": (35, "13:30", "15:30"),
        "summary": "Share what helped, and what was missing, when your cancer treatment ended, so "
        "we can plan better support with local cancer charities.",
        "topics": ["cancer"],
        "audiences": ["carers", "older-people"],
        "location": "Community room, Oak Tree Lane Centre, Mansfield.\nStep-free access.",
        "how_to_take_part": "<p>Book a place by phone or email from the opening date. Carers and "
        "family members are welcome.</p>",
        "formats": ["large_print", "easy_read"],
        "team": ENGAGEMENT_TEAM,
    },
]


# The consultation plans of the two formal consultations (category C): the internal half of the
# page that the approvers sign off with the public half. `osc_notified` is a day offset too.
PLANS = {
    "future-of-urgent-care": {
        "fields": {
            "category": "C",
            "plan_proposal": "Bring the walk-in centre and the out-of-hours GP service together in one "
            "urgent treatment centre open 8am to 10pm, bookable through NHS 111. Activity data shows "
            "half of walk-in visits could be booked, and the two services share staff shortages.",
            "plan_decision": "Whether to commission a single urgent treatment centre from next April; "
            "taken by the Governing Bodies in public after the consultation report.",
            "eia_status": "complete",
            "eia_summary": "Age, disability and pregnancy and maternity are most affected. Mitigations: "
            "telephone booking without the app, transport advice, extended paediatric hours.",
            "engagement_methods": ["survey", "public_meetings", "drop_in", "outreach", "social_media"],
            "osc_involvement": True,
            "resources": "Engagement team (two officers for 14 weeks), venues, printing and easy read "
            "translation; £8,000.",
            "evaluation": "Reach compared with the population profile; a report to the Governing Bodies "
            "and a 'You said, We did' page within 12 weeks of closing.",
        },
        "osc_notified": -114,
        "stakeholders": [
            ("Patients who use the walk-in centre", "low", "high"),
            ("Healthwatch Nottinghamshire", "high", "high"),
            ("Health Scrutiny Committee", "high", "high"),
            ("GP practices in Mansfield and Ashfield", "high", "low"),
            ("Local councillors and MPs", "high", "low"),
            ("Voluntary and community groups", "low", "high"),
            ("Residents elsewhere in the county", "low", "low"),
        ],
    },
    "mental-health-day-services-consultation": {
        "fields": {
            "category": "C",
            "plan_proposal": "Replace two day centres with recovery workers in GP practices and "
            "community venues, open into the evening.",
            "plan_decision": "Whether to re-provide day services in the community; Governing Bodies.",
            "eia_status": "complete",
            "eia_summary": "Disability (mental health) and age most affected; transport and continuity "
            "of relationships are the main risks.",
            "engagement_methods": ["survey", "public_meetings", "focus_groups", "voluntary_sector"],
            "osc_involvement": True,
            "resources": "Engagement team and the mental health commissioning manager; £6,500.",
            "evaluation": "Independent analysis of responses; report to the Governing Bodies.",
        },
        "osc_notified": -589,
        "stakeholders": [
            ("People who use the day centres, and their carers", "low", "high"),
            ("Mental health trust staff", "high", "high"),
            ("Health Scrutiny Committee", "high", "high"),
            ("Mental health voluntary sector", "low", "high"),
            ("GP practices", "high", "low"),
        ],
    },
}


def opportunities(today, topics, audiences):
    """[(slug, fields, children)] for every demo opportunity, dated from `today`."""

    def day(offset):
        return today + datetime.timedelta(days=offset)

    def day_text(offset):
        d = day(offset)
        return f"{d:%A} {d.day} {d:%B %Y}"

    def at(offset, hhmm):
        hour, minute = map(int, hhmm.split(":"))
        return timezone.make_aware(datetime.datetime.combine(day(offset), datetime.time(hour, minute)))

    result = []
    for item in OPPORTUNITIES:
        name, email, phone = item["team"]
        event = item.get("event")
        closes = item["closes"]
        outcome_expected = item.get("outcome_expected")
        fields = {
            "title": item["title"],
            "opportunity_type": item["opportunity_type"],
            "level": item["level"],
            "is_service_change": item.get("is_service_change", False),
            "summary": item["summary"],
            "intro": item.get("intro", ""),
            "body": item["body"](day_text) if "body" in item else [],
            "topics": [topics[slug] for slug in item["topics"]],
            "audiences": [audiences[slug] for slug in item["audiences"]],
            "opens": day(item["opens"]),
            "closes": day(closes) if closes is not None else None,
            "outcome_expected": day(outcome_expected) if outcome_expected is not None else None,
            "event_start": at(event[0], event[1]) if event else None,
            "event_end": at(event[0], event[2]) if event else None,
            "location": item.get("location", ""),
            "online_link": item.get("online_link", ""),
            "how_to_take_part": item["how_to_take_part"],
            "alternative_formats": item["formats"],
            "alternative_formats_how": formats_how(item["team"]),
            "contact_name": name,
            "contact_email": email,
            "contact_phone": phone,
            # Signed-off opportunities otherwise wait for their opening day: the upcoming ones are
            # announced a day early so the public sees them coming.
            "go_live_at": at(-1, "09:00") if item["opens"] > 0 else None,
        }
        children = {}
        if plan := PLANS.get(item["slug"]):
            fields.update(plan["fields"], osc_notified_on=day(plan["osc_notified"]))
            children["stakeholders"] = [
                {"group": group, "influence": influence, "interest": interest}
                for group, influence, interest in plan["stakeholders"]
            ]
        result.append((item["slug"], fields, children))
    return result
