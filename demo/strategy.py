"""The demo engagement strategy, running now: aims, objectives, commitments and the action plan."""

import datetime

from demo.sync import details, heading, inset, paragraph, table
from pages.models.strategy import ActionPlanStatus, StrategyStatus

SLUG = "engagement-strategy"

AIMS = [
    (
        "Put the voice of patients and the public at the heart of every major commissioning decision",
        "Including new models of care and any change to services, and checking that it happened.",
    ),
    (
        "Be listening organisations: no decision about me, without me",
        "Understand the full range of people's experiences of care, reflecting how diverse our "
        "local population is.",
    ),
    (
        "Communicate and engage consistently, creatively and before we are asked",
        "Keep up a steady conversation with patients, the public and partners, including about "
        "staying well and preventing ill health.",
    ),
    (
        "Involve local people in planning for the health of the whole area",
        "Make sure residents and lay representatives are encouraged to help shape the joint "
        "strategic needs assessment and the health and wellbeing strategy.",
    ),
]

OBJECTIVES = [
    (
        "Build an open culture of communication and engagement with everyone we work with and for.",
        [
            "Keep staff and shared-service colleagues informed and involved through regular "
            "internal communications.",
            "Build good working relationships with local media.",
            "Give staff and the public simple ways to tell us about what works and what does not.",
            "Write in plain language that staff, patients and the public understand.",
            "Hold regular briefings where staff of every grade and lay representatives can discuss "
            "proposals and service changes.",
        ],
        [
            "Staff are satisfied and feel their judgement and contribution are valued.",
            "Clinicians know their part in communication and engagement and are supported in "
            "dealing with the media.",
            "The public feel informed, know how to give feedback and trust that what they raise "
            "will be acted on.",
        ],
    ),
    (
        "Give patients and the public a voice in decisions from the very start of a project "
        "through to the Governing Bodies.",
        [
            "Choose the channel that suits each audience and use a wide range of methods, old and new.",
            "Plan engagement early: every project or service review names its patient experience "
            "issues and has an equality impact assessment.",
            "Work closely with seldom-heard groups so that they have a voice.",
            "Use patient experience data, and work with providers so that they listen and act too.",
            "Close the loop: report how public feedback changed our decisions.",
            "Coordinate with providers and Alliance partners so that no chance to engage is missed "
            "and nobody is asked the same question twice.",
        ],
        [
            "Staff, lay representatives and the public feel they have a say in our decisions.",
            "People can see the difference they made to local NHS services.",
            "People have better experiences of care.",
        ],
    ),
    (
        "Listen to and learn from people's experience of services all the time, not only when "
        "something is about to change.",
        [
            "Record all patient experience feedback in one system, Datix.",
            "Bring together complaints, provider feedback and Healthwatch intelligence to find themes.",
            "Work with the patient experience teams of the local authority, other CCGs and providers.",
            "Report on patient experience every quarter to the Quality and Risk Committee, the "
            "Governing Bodies and patient groups.",
            "Hear patient stories at Governing Body meetings and follow up what they show.",
            "Make patient experience a standard part of every contract, with levers to improve it.",
        ],
        [
            "People's feedback visibly shapes how services are proposed and planned.",
            "Lessons are learned and the areas that need improving are found early.",
        ],
    ),
]

PRINCIPLES = [
    (
        "Patients first",
        "Patients and the public take part in decisions from the start, not as an afterthought.",
    ),
    (
        "Clinically led",
        "GPs and senior clinicians take part in involving patients, supported by the engagement team.",
    ),
    (
        "Early notice, ongoing conversation",
        "We tell people as soon as we can about possible changes to any service, however small "
        "they seem, and keep talking throughout.",
    ),
    (
        "Honest about difficult decisions",
        "We raise hard questions openly and are clear about what can and cannot change.",
    ),
    (
        "Inclusive",
        "We seek out the groups least involved in the NHS and meet our duties under the Equality Act 2010.",
    ),
    (
        "Time to be heard",
        "We give people enough time, and the right places and formats, to give their views.",
    ),
    (
        "The whole person",
        "We see people's physical, mental and social needs together, value the people closest to "
        "them, and respect their choices.",
    ),
    (
        "Clear about the level of involvement",
        "We always say whether we are informing you, asking for your views or formally consulting.",
    ),
    (
        "Always feed back",
        "We tell everyone who worked with us what happened, and show what difference the public "
        "made to our decisions.",
    ),
    (
        "Careful with your information",
        "We handle everything people tell us in line with data protection law and our information "
        "governance policies.",
    ),
]

# (theme, action, lead role, due about this many days from today or None, timing, measure, status,
#  progress). Due dates fall at the end of a month, so the plan changes monthly, not daily.
ACTIONS = [
    (
        "Communication",
        "Use social media and other new channels to share local health messages and start "
        "two-way conversations, especially with people we rarely reach.",
        "Digital Communications Officer",
        None,
        "Monthly",
        "Monthly figures for reach and replies on social media; themes from comments added to "
        "media monitoring.",
        ActionPlanStatus.ON_TRACK,
        "Monthly reports go to the communications and engagement meeting. Replies from people "
        "under 25 have grown since we began posting short videos.",
    ),
    (
        "Communication",
        "Refresh our website as the public's reference point for what we commission, the Better "
        "Together programme and the Nottingham and Nottinghamshire Sustainability and "
        "Transformation Partnership.",
        "Head of Communications and Engagement",
        -120,
        "",
        "Website refreshed; feedback from the public, stakeholders and partners; monthly usage reports.",
        ActionPlanStatus.COMPLETE,
        "The new website is live and was tested against the accessibility standards. Usage is "
        "reviewed every month.",
    ),
    (
        "Communication",
        "Report media coverage to the Governing Bodies every week, with its tone and any issues emerging.",
        "Communications Officer",
        None,
        "Weekly",
        "70% of media coverage comes from our own proactive work; 80% of all coverage is neutral or better.",
        ActionPlanStatus.AT_RISK,
        "Proactive coverage is at 58% this year while the team carries a vacancy. A recovery plan "
        "has been agreed.",
    ),
    (
        "Communication",
        "Publish a newsletter every quarter for partners and stakeholders, jointly with the Alliance.",
        "Communications Manager",
        None,
        "Quarterly",
        "Newsletter issued each quarter; readership figures and partners' feedback.",
        ActionPlanStatus.OFF_TRACK,
        "Two issues were missed while the Alliance reviewed its own newsletter. A single joint "
        "newsletter is being agreed.",
    ),
    (
        "Engagement",
        "Train Governing Body members in engagement and consultation, including the legal duties.",
        "Head of Communications and Engagement",
        60,
        "",
        "All Governing Body members trained; more local people saying the NHS listens to them in "
        "our annual survey.",
        ActionPlanStatus.ON_TRACK,
        "A session is booked for the next Governing Body development day. The lay member for "
        "patient and public involvement has reviewed the materials.",
    ),
    (
        "Engagement",
        "Engage patients and the public on every commissioning decision, especially service "
        "redesign and savings plans.",
        "Engagement Manager",
        None,
        "Ongoing",
        "Every business case shows how patients' views shaped the decision.",
        ActionPlanStatus.ON_TRACK,
        "An engagement plan is now required for every service change proposal. Four business "
        "cases this year included an engagement report.",
    ),
    (
        "Engagement",
        "Support lay members to engage confidently with the public, including by joining quality "
        "visits to providers.",
        "Lay Member for Patient and Public Involvement",
        None,
        "Ongoing",
        "Lay members' own rating of their confidence; a lay member on every quality visit.",
        ActionPlanStatus.AT_RISK,
        "Lay members joined two of the five quality visits this year; the other dates clashed "
        "with Governing Body business.",
    ),
    (
        "Engagement",
        "Strengthen the two patient reference groups and link them to the Governing Bodies "
        "through their lay chairs, in both directions.",
        "Engagement Manager",
        None,
        "Monthly",
        "Patient reference group feedback reported to each Governing Body meeting, and the "
        "Governing Body's response reported back.",
        ActionPlanStatus.COMPLETE,
        "Both groups now have a lay chair who reports to the Governing Body every month.",
    ),
    (
        "Engagement",
        "Run a campaign showing people how to share their experience of care and how to get "
        "involved with us.",
        "Engagement Officer",
        150,
        "",
        "Number of people joining the involvement register and sharing an experience.",
        ActionPlanStatus.NOT_STARTED,
        "Planned to start when the online involvement register opens.",
    ),
    (
        "Patient experience",
        "Record all patient experience feedback centrally on Datix.",
        "Patient Experience Lead",
        -200,
        "",
        "All feedback logged in one place; quarterly reports produced from it.",
        ActionPlanStatus.COMPLETE,
        "Every piece of feedback received since the start of the year is recorded on Datix.",
    ),
    (
        "Patient experience",
        "Bring together feedback from complaints, providers and Healthwatch to find themes, and "
        "raise them with contract managers.",
        "Patient Experience Lead",
        None,
        "Quarterly",
        "Quarterly patient experience report to the Quality and Risk Committee, the Governing "
        "Bodies and patient groups.",
        ActionPlanStatus.ON_TRACK,
        "The last two quarterly reports were delivered on time; waiting times for community "
        "therapy were the main theme.",
    ),
    (
        "Patient experience",
        "Hear a patient story at every other Governing Body meeting and report the actions that follow.",
        "Director of Nursing and Quality",
        None,
        "Every two months",
        "Patient stories presented; follow-up actions recorded and reported back.",
        ActionPlanStatus.OFF_TRACK,
        "Three of the last six meetings heard a patient story. We are finding more storytellers "
        "through the patient reference groups.",
    ),
    (
        "Patient experience",
        "Make patient experience reporting a standard requirement of provider contracts, with "
        "contractual levers where experience is poor.",
        "Head of Contracting",
        20,
        "",
        "Every main contract includes patient experience reporting; providers' quarterly reports received.",
        ActionPlanStatus.AT_RISK,
        "Agreed in three of the five main contracts; the other two are being renegotiated.",
    ),
    (
        "Partnership working",
        "Meet Healthwatch Nottinghamshire every quarter to share intelligence about patient "
        "experience and plan joint work.",
        "Head of Communications and Engagement",
        None,
        "Quarterly",
        "Number of shared briefings, press releases and joint publications.",
        ActionPlanStatus.ON_TRACK,
        "Meetings held every quarter; a joint report on access to interpreters was published.",
    ),
    (
        "Partnership working",
        "Attend the district and county councils' health scrutiny committees and brief local "
        "councillors and MPs regularly.",
        "Chief Officer",
        None,
        "As required",
        "Attendance recorded in committee minutes; briefings issued to councillors and MPs.",
        ActionPlanStatus.ON_TRACK,
        "The health scrutiny committee was briefed on the urgent care proposals before the "
        "consultation began.",
    ),
    (
        "Partnership working",
        "Audit the engagement networks of providers and Alliance partners so that engagement is "
        "coordinated and duplication avoided.",
        "Engagement Manager",
        -30,
        "",
        "A shared map of engagement networks and a joint engagement calendar.",
        ActionPlanStatus.OFF_TRACK,
        "The audit is behind: two partners have yet to send their details. It is now expected "
        "within three months.",
    ),
    (
        "Partnership working",
        "Work with the community and voluntary sector to support health initiatives started by "
        "community groups themselves.",
        "Engagement Manager",
        240,
        "",
        "Number of community initiatives started, and the events and activity they lead to.",
        ActionPlanStatus.NOT_STARTED,
        "Small grants for community groups are being agreed with the Alliance partners.",
    ),
]


def _month_end(day):
    """Action plans promise months, not days: the last day of `day`'s month."""
    next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


def _list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def strategy(today):
    """The strategy page's fields and child rows; dates are relative to `today`."""
    review = (today + datetime.timedelta(days=180)).replace(day=1)
    # A three-year strategy running now, so the demo is never out of date.
    first = today.year - 1
    last = first + 3
    return {
        "fields": {
            "title": "Engagement strategy",
            "seo_title": f"Patient and public engagement strategy {first} to {last}",
            "show_in_menus": True,
            "period": f"{first}–{last}",
            "status": StrategyStatus.CURRENT.value,
            "review_date": review,
            "intro": "How we involve patients, carers and the public in decisions about local NHS "
            "services, and how the action plan is going.",
            "search_description": "Our patient and public communication, engagement and experience "
            f"strategy {first} to {last}, with its action plan and progress.",
            "summary": (
                "<p>This strategy sets out how the two mid Nottinghamshire clinical commissioning "
                "groups, Mansfield and Ashfield, and Newark and Sherwood, make sure the views of "
                "patients, carers, partners and the wider community shape how services are planned, "
                "bought and improved.</p>"
                "<p>It was written with members of our patient reference groups. The Governing "
                "Bodies approve it, check its progress and review it every year.</p>"
            ),
            "body": [
                heading("How we decide how to involve people"),
                paragraph(
                    "<p>We look at every proposal for change for its value for money, its effect on "
                    "patients' experience, and the quality and safety of care. We then place it in "
                    "one of three categories, which decide how much engagement or consultation it "
                    "needs.</p>"
                ),
                table(
                    "Categories of change and how we involve people",
                    [
                        ["Category", "What it covers", "How we involve people"],
                        [
                            "A",
                            "Things we already do: savings inside the organisation, or asking the "
                            "public to help, such as cutting medicines waste or using A&E only for "
                            "emergencies.",
                            "Inform: we explain what is happening and why.",
                        ],
                        [
                            "B",
                            "A service provided differently, costing less but with the same overall "
                            "benefit, for example providers working together to avoid duplication.",
                            "Engage: we ask for your views to help shape and plan the change.",
                        ],
                        [
                            "C",
                            "A significant change to a service, or to who can use it.",
                            "Consult: a formal public consultation, normally for 12 weeks, and we "
                            "involve the council's health scrutiny committee.",
                        ],
                    ],
                    first_col_is_header=True,
                ),
                inset(
                    "<p>Around £1.2 million was spent in one year on medicines that were never used, "
                    "and each visit to A&amp;E costs the local NHS about £120 on average.</p>"
                ),
                heading("Who we involve"),
                paragraph(
                    "<p>Before any project starts, we map who it affects by how much influence they "
                    "have over it and how interested they are. The map is different for every "
                    "subject, so we draw it again each time.</p>"
                ),
                table(
                    "How we work with each group of stakeholders",
                    [
                        ["Influence and interest", "Our approach"],
                        [
                            "High influence, high interest",
                            "Manage closely: involve fully, include in all communications and meet "
                            "regularly.",
                        ],
                        [
                            "High influence, low interest",
                            "Keep satisfied: give them time, so their support is there when we need it.",
                        ],
                        [
                            "Low influence, high interest",
                            "Keep informed: communicate often and ask for feedback, so we can adjust "
                            "as we go. Our own staff are usually here.",
                        ],
                        [
                            "Low influence, low interest",
                            "Monitor: keep them informed through general updates.",
                        ],
                    ],
                    first_col_is_header=True,
                ),
                heading("Our values"),
                paragraph("<p>Honesty, trust, integrity and transparency guide all our engagement work.</p>"),
                details(
                    "The duties this strategy meets",
                    "<ul>"
                    "<li>The duty to involve the public in commissioning, in section 14Z2 of the "
                    "National Health Service Act 2006, as amended by the Health and Social Care Act "
                    "2012.</li>"
                    "<li>The public sector equality duty in the Equality Act 2010.</li>"
                    "<li>NHS England's statutory guidance, Patient and public participation in "
                    "commissioning health and care (2017), and the duty to report each year on how "
                    "we involved people.</li>"
                    "</ul>",
                ),
            ],
        },
        "children": {
            "aims": [{"aim": aim, "description": description} for aim, description in AIMS],
            "objectives": [
                {"objective": objective, "how_achieved": _list(how), "expected_outcomes": _list(outcomes)}
                for objective, how, outcomes in OBJECTIVES
            ],
            "principles": [{"title": title, "description": description} for title, description in PRINCIPLES],
            "actions": [
                {
                    "theme": theme,
                    "action": action,
                    "lead": lead,
                    "due_date": _month_end(today + datetime.timedelta(days=due)) if due is not None else None,
                    "timing": timing,
                    "measure": measure,
                    "status": status.value,
                    "progress_note": progress,
                }
                for theme, action, lead, due, timing, measure, status, progress in ACTIONS
            ],
        },
    }
