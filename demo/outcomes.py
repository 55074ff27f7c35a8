"""The demo 'You said, We did' items: what people told us and what changed as a result."""

import datetime

from demo.sync import inset, paragraph

INDEX_SLUG = "you-said-we-did"

# `date` is days before the load date; `opportunity` is the slug of the opportunity answered.
OUTCOMES = [
    {
        "slug": "clearer-information-about-nhs-111",
        "title": "Clearer information about NHS 111 and where to go when your GP is closed",
        "source": "survey",
        "opportunity": "nhs-111-out-of-hours-survey",
        "participants": 1146,
        "date": -250,
        "topics": ["urgent-care"],
        "you_said": "<p>Most people who answered had used NHS 111 in the past year and found the "
        "call handlers helpful. But:</p><ul>"
        "<li>many did not know that NHS 111 can book them a GP appointment out of hours;</li>"
        "<li>parents of young children wanted a quicker call back from a nurse;</li>"
        "<li>some went to A&amp;E because they did not know what else was open.</li></ul>"
        "<p>Some people asked for the walk-in centre to open overnight. We have not done this, "
        "because very few people use it after 10pm.</p>",
        "we_did_summary": "We sent every household a simple guide to where to go when the GP "
        "practice is closed, and NHS 111 nurses now call parents of under-fives back within 30 minutes.",
        "actions": [
            (
                "Published a guide, 'Where to go when your GP is closed', in print and five community "
                "languages, delivered with the council's residents' magazine.",
                "done",
            ),
            (
                "Agreed with the NHS 111 provider that nurses call parents of under-fives back within "
                "30 minutes.",
                "done",
            ),
            ("Used the findings to shape the urgent care proposals now out for consultation.", "in_progress"),
        ],
        "body": [
            paragraph(
                '<p>You can give your views on those proposals in <a href="/get-involved/'
                'future-of-urgent-care/">our consultation on the future of urgent care</a>.</p>'
            )
        ],
    },
    {
        "slug": "medicines-waste-what-you-told-us",
        "title": "Cutting medicines waste: what shoppers told our pharmacists",
        "source": "survey",
        "opportunity": "medicines-waste-roadshow",
        "participants": 312,
        "date": -120,
        "topics": ["medicines"],
        "you_said": "<p>Nearly half of the people we spoke to had unused medicines at home, most "
        "often inhalers, creams and painkillers. Many said their pharmacy ordered everything on "
        "their repeat list each month whether they needed it or not. Carers said it was hard to "
        "keep track of someone else's medicines.</p>",
        "we_did_summary": "GP practice pharmacists reviewed the prescriptions of people with ten or "
        "more repeat items, and we are changing how repeat prescriptions are ordered.",
        "actions": [
            (
                "Practice pharmacists reviewed the medicines of over 2,000 people with ten or more "
                "repeat items.",
                "done",
            ),
            (
                "Moving repeat ordering from pharmacies to GP practices and the NHS App, with an "
                "information session for anyone who needs help.",
                "in_progress",
            ),
            (
                "A guide for carers on managing someone else's medicines, written with local carers' groups.",
                "planned",
            ),
        ],
    },
    {
        "slug": "mental-health-day-services-decision",
        "title": "Mental health day services: our decision after the consultation",
        "source": "consultation",
        "opportunity": "mental-health-day-services-consultation",
        "participants": 684,
        "date": -380,
        "topics": ["mental-health"],
        "you_said": "<p>684 people responded, including 212 people who used the day centres and 97 "
        "carers. People valued the friendships and routine the centres gave them and were worried "
        "about losing them. Many who did not use the centres said they wanted support in the "
        "evenings and nearer home. Carers asked for one named contact.</p>",
        "we_did_summary": "We placed recovery workers in GP practices and community venues, but kept "
        "one centre open as a peer-led drop-in because people told us how much the friendships mattered.",
        "actions": [
            ("Kept the Mansfield centre open three days a week as a peer-led drop-in.", "done"),
            (
                "Recovery workers now work from eight GP practices and two community venues, until "
                "8pm twice a week.",
                "done",
            ),
            ("Everyone who used the day centres, and their carer, has a named recovery worker.", "done"),
        ],
        "body": [
            inset(
                "<p>The Governing Bodies made this decision in public, after considering the "
                "independent report on the consultation and the views of the health scrutiny committee.</p>"
            )
        ],
    },
    {
        "slug": "gp-phone-lines-8am-rush",
        "title": "Easing the 8am rush for GP appointments",
        "source": "ppg",
        "participants": 38,
        "date": -60,
        "topics": ["primary-care"],
        "you_said": "<p>Members of patient participation groups at 12 practices said the 8am rush "
        "for appointments was their biggest frustration. People who work, and people who do not "
        "use the internet, felt the system was stacked against them.</p>",
        "we_did_summary": "Practices are moving to phone systems that call you back rather than "
        "keep you on hold, and all now release some appointments later in the day.",
        "actions": [
            ("Every practice now releases some appointments in the afternoon, not only at 8am.", "done"),
            (
                "Nine practices have new phone systems with a call-back option; the rest will follow.",
                "in_progress",
            ),
            ("Ask patients again, in our GP appointments survey, whether things have improved.", "planned"),
        ],
    },
    {
        "slug": "community-nursing-visit-times",
        "title": "Knowing when the community nurse will arrive",
        "source": "fft",
        "participants": 1920,
        "date": -170,
        "topics": ["community-services"],
        "you_said": "<p>Friends and Family Test comments about community nursing praised the "
        "nurses. The most common complaint was not knowing when the nurse would come, so people "
        "waited in all day.</p>",
        "we_did_summary": "Community nurses now give a two-hour visit window and send a text when "
        "they are on their way.",
        "actions": [
            ("Planned visits are booked in two-hour slots.", "done"),
            ("A text message is sent when the nurse is about 30 minutes away.", "done"),
        ],
    },
    {
        "slug": "patient-transport-letters",
        "title": "Plainer letters about patient transport",
        "source": "complaints_pals",
        "participants": 46,
        "date": -300,
        "topics": ["patient-transport", "planned-care"],
        "you_said": "<p>Over a year, 46 complaints and PALS enquiries were about non-emergency "
        "patient transport. People were turned down without understanding why, and did not know "
        "what other help with travel was available.</p>",
        "we_did_summary": "We rewrote the eligibility letter in plain English and added where else "
        "to get help with travel to appointments.",
        "actions": [
            ("A plain English eligibility letter, tested with the patient reference groups.", "done"),
            (
                "Every letter now explains the Healthcare Travel Costs Scheme and local community transport.",
                "done",
            ),
            ("Review the eligibility criteria with the transport provider.", "planned"),
        ],
    },
    {
        "slug": "bsl-interpreters-at-gp-practices",
        "title": "British Sign Language interpreters at GP appointments",
        "source": "healthwatch",
        "participants": 27,
        "date": -430,
        "topics": ["primary-care"],
        "you_said": "<p>Healthwatch Nottinghamshire spoke to 27 Deaf people who use British Sign "
        "Language. Many had gone to GP appointments without an interpreter, or had relied on family "
        "members, sometimes their children.</p>",
        "we_did_summary": "One interpreting contract now covers all 41 GP practices, with video "
        "interpreting for same-day appointments.",
        "actions": [
            ("A single BSL interpreting contract for all 41 GP practices.", "done"),
            ("Video interpreting on a tablet for same-day appointments.", "done"),
            ("Deaf awareness training for reception teams: 28 practices so far.", "in_progress"),
        ],
    },
    {
        "slug": "dementia-care-coordinators",
        "title": "One named contact for families living with dementia",
        "source": "patient_story",
        "participants": None,
        "date": -610,
        "topics": ["community-services"],
        "you_said": "<p>At a Governing Body meeting, a woman caring for her husband, who has "
        "dementia, described explaining his needs again to every new professional, and three "
        "hospital stays in a year that she felt could have been avoided.</p>",
        "we_did_summary": "We funded dementia care coordinators, so every family has one named "
        "person who knows their situation.",
        "actions": [
            ("Dementia care coordinators in both CCG areas.", "done"),
            ("A short 'about me' document that families can share with any service.", "done"),
            ("Shared care records so hospital staff can see the person's care plan.", "in_progress"),
        ],
    },
    {
        "slug": "birth-choices-information",
        "title": "Better information about where to give birth",
        "source": "survey",
        "participants": 403,
        "date": -700,
        "topics": ["maternity"],
        "you_said": "<p>Women and birthing people who had a baby in the last two years told the "
        "Maternity Voices Partnership that many did not know they could give birth at home or in a "
        "midwife-led unit, and that the information was only in English.</p>",
        "we_did_summary": "Midwives now talk through every birth choice by 20 weeks of pregnancy, "
        "with a leaflet in the six most-used local languages.",
        "actions": [
            ("Birth choices leaflet in six languages, given by 20 weeks.", "done"),
            ("Tours of the midwife-led unit, online and in person.", "in_progress"),
        ],
    },
]


def outcomes(today, topics, opportunities):
    """[(slug, fields, action rows)] for every demo item; `opportunities` maps slugs to pages."""
    result = []
    for item in OUTCOMES:
        fields = {
            "title": item["title"],
            "source": item["source"],
            "participants": item["participants"],
            "date": today + datetime.timedelta(days=item["date"]),
            "topics": [topics[slug] for slug in item["topics"]],
            "opportunity": opportunities[item["opportunity"]] if item.get("opportunity") else None,
            "you_said": item["you_said"],
            "we_did_summary": item["we_did_summary"],
            "body": item.get("body", []),
        }
        actions = [{"action": action, "status": status} for action, status in item["actions"]]
        result.append((item["slug"], fields, actions))
    return result
