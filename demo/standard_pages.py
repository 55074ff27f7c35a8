"""The demo prose pages: about us, accessibility statement, privacy notice, how to get involved."""

import datetime

from demo.organisation import (
    ADDRESS,
    DOMAIN,
    DPO_EMAIL,
    ENGAGEMENT_TEAM,
    PALS_EMAIL,
    PALS_PHONE,
    PHONE,
)
from demo.sync import action_link, details, heading, inset, paragraph, table, warning

ABOUT_SLUG = "about"
ACCESSIBILITY_SLUG = "accessibility-statement"
PRIVACY_SLUG = "privacy-notice"
HOW_TO_SLUG = "how-to-get-involved"

ONE_LINE_ADDRESS = ", ".join(ADDRESS.splitlines())
TEAM_NAME, TEAM_EMAIL, TEAM_PHONE = ENGAGEMENT_TEAM


def _month(day):
    return f"{day.day} {day:%B %Y}"


def about():
    return {
        "title": "About us",
        "show_in_menus": True,
        "intro": "Who we are, what we do and how we make decisions about local NHS services.",
        "body": [
            inset(
                "<p>This is a demonstration website. The organisation, the feedback and the "
                "opportunities on it are examples, drawn from a patient and public engagement "
                "strategy that the mid Nottinghamshire clinical commissioning groups published for "
                "2017 to 2020. The contact details do not work.</p>"
            ),
            heading("Who we are"),
            paragraph(
                "<p>We plan and pay for (commission) most local NHS services for people living in "
                "Mansfield, Ashfield, Newark and Sherwood: hospital care, community services, "
                "mental health services, NHS 111 and urgent care.</p>"
                "<p>We are the two clinical commissioning groups for mid Nottinghamshire, Mansfield "
                "and Ashfield CCG and Newark and Sherwood CCG, set up in 2013 and working as one "
                "team. We are led by local GPs: our members are the area's 41 GP practices, 27 in "
                "Mansfield and Ashfield and 14 in Newark and Sherwood.</p>"
            ),
            heading("Working with partners"),
            paragraph(
                "<p>Through the Better Together Alliance we work with the local hospital, "
                "community and mental health services and the councils, which share "
                "responsibility for the health and wellbeing of local people. We are also part of "
                "the Nottingham and Nottinghamshire Sustainability and Transformation Partnership, "
                "and we work closely with Healthwatch Nottinghamshire, the independent champion "
                "for people who use health and care services.</p>"
            ),
            heading("How we make decisions"),
            paragraph(
                "<p>Our Governing Bodies meet in public. Each has a lay member for patient and "
                "public involvement, whose job is to make sure the views of patients and the "
                "public are heard whenever decisions are made.</p>"
                "<p>Two patient reference groups, one for each area, advise us on how we involve "
                "people and check the quality of what we do. Their members come from GP practice "
                "patient participation groups, voluntary and community groups, young people's "
                "groups and local councils.</p>"
                '<p>Read our <a href="/engagement-strategy/">engagement strategy</a> to see how we '
                "involve people and how its action plan is going.</p>"
            ),
            heading("Our values"),
            paragraph("<ul><li>Honesty</li><li>Trust</li><li>Integrity</li><li>Transparency</li></ul>"),
            heading("Contact us"),
            paragraph(
                f'<p>Email <a href="mailto:engagement@{DOMAIN}">engagement@{DOMAIN}</a>, call '
                f"{PHONE} or write to us at {ONE_LINE_ADDRESS}.</p>"
                f"<p>For help with a concern about NHS care, contact the Patient Advice and Liaison "
                f"Service on {PALS_PHONE}.</p>"
            ),
        ],
    }


def accessibility_statement(today):
    prepared = (today - datetime.timedelta(days=180)).replace(day=1)
    reviewed = today.replace(day=1)
    return {
        "title": "Accessibility statement",
        "intro": "How accessible this website is, how to ask for information in another format, "
        "and how to report a problem.",
        "search_description": "Accessibility statement for this website, against WCAG 2.2 level AA.",
        "body": [
            paragraph(
                "<p>This statement applies to this engagement website, which tells you how to take "
                "part in decisions about local NHS services. It is run by NHS Mid Nottinghamshire "
                "CCG. We want as many people as possible to be able to use it. For example, you "
                "should be able to:</p><ul>"
                "<li>change colours, contrast levels and fonts using your browser or device settings;</li>"
                "<li>zoom in up to 400% without the text spilling off the screen;</li>"
                "<li>get around the whole website using just a keyboard;</li>"
                "<li>get around the website using speech recognition software;</li>"
                "<li>listen to the website using a screen reader, such as JAWS, NVDA or VoiceOver.</li>"
                "</ul><p>We have also made the text as simple as we can. "
                '<a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
                "your device easier to use if you have a disability.</p>"
            ),
            heading("How accessible this website is"),
            paragraph(
                "<p>The website is built with the NHS digital service manual's design system, "
                "which is tested with disabled people. We know some parts are not fully accessible:</p><ul>"
                "<li>some documents we publish, such as older strategies and board papers, are PDFs "
                "that do not work well with screen readers;</li>"
                "<li>some online surveys are hosted by another company and we do not control how "
                "accessible they are;</li>"
                "<li>recordings of some older public meetings do not have captions.</li></ul>"
            ),
            heading("Information in another format"),
            paragraph(
                "<p>If you need information on this website in a different format, such as an "
                "accessible PDF, large print, easy read, an audio recording, braille or British Sign "
                "Language, or in another language:</p><ul>"
                f'<li>email <a href="mailto:{TEAM_EMAIL}">{TEAM_EMAIL}</a></li>'
                f"<li>call {TEAM_PHONE}, or use Relay UK by dialling 18001 then {TEAM_PHONE}</li>"
                "</ul><p>We will consider your request and reply within five working days.</p>"
            ),
            heading("Reporting accessibility problems with this website"),
            paragraph(
                "<p>We are always looking to improve the accessibility of this website. If you "
                "find a problem that is not listed on this page, or think we are not meeting "
                f'accessibility requirements, email <a href="mailto:{TEAM_EMAIL}">{TEAM_EMAIL}</a> '
                "and tell us the address of the page and what went wrong.</p>"
            ),
            heading("Enforcement procedure"),
            paragraph(
                "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
                "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
                "Regulations 2018 (the accessibility regulations). If you are not happy with how we "
                "respond to your complaint, contact the "
                '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support '
                "Service (EASS)</a>.</p>"
            ),
            heading("Technical information about this website's accessibility"),
            paragraph(
                "<p>We are committed to making this website accessible, in accordance with the "
                "accessibility regulations.</p>"
            ),
            heading("Compliance status", level="h3"),
            paragraph(
                "<p>This website is partially compliant with the "
                '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines '
                "version 2.2</a> AA standard, due to the non-compliances listed below.</p>"
            ),
            heading("Non-accessible content", level="h3"),
            paragraph(
                "<p>Some PDF documents are not tagged, so screen readers cannot read their headings "
                "and tables in order. This fails WCAG 2.2 success criterion 1.3.1 (info and "
                "relationships). When we publish a new document we also publish an accessible "
                "version, and we are replacing older documents that people still need.</p>"
                "<p>Some recordings of public meetings have no captions. This fails success "
                "criterion 1.2.2 (captions, prerecorded). We will caption any recording on request.</p>"
            ),
            heading("Content that is not within the scope of the accessibility regulations", level="h3"),
            paragraph(
                "<p>PDFs and other documents published before 23 September 2018 that are not "
                "needed to use our services, such as older Governing Body papers, do not have to "
                "be accessible. We will provide any of them in another format on request.</p>"
            ),
            heading("What we are doing to improve accessibility"),
            paragraph(
                "<p>Every page is checked with automated accessibility tests before it is released, "
                "and we test the website with keyboard, screen magnifier and screen reader users "
                "each year, including members of our patient reference groups.</p>"
            ),
            heading("Preparation of this accessibility statement"),
            paragraph(
                f"<p>This statement was prepared on {_month(prepared)}. It was last reviewed on "
                f"{_month(reviewed)}.</p><p>The website was last tested on {_month(reviewed)} against "
                "the WCAG 2.2 AA standard by our digital team, using automated checks on every page "
                "type and manual testing of the most used pages: the home page, the list of ways to "
                "get involved, an opportunity, and a 'You said, We did' item.</p>"
            ),
        ],
    }


def privacy_notice(today):
    updated = today.replace(day=1)
    return {
        "title": "Privacy notice",
        "intro": "How we use the personal information of people who join our involvement register, "
        "take part in our engagement or send us feedback.",
        "search_description": "How NHS Mid Nottinghamshire CCG uses personal information from its "
        "involvement register, surveys, events and feedback.",
        "body": [
            heading("Who we are"),
            paragraph(
                "<p>NHS Mid Nottinghamshire CCG is the data controller for the information "
                f"described here. Our address is {ONE_LINE_ADDRESS}.</p>"
            ),
            heading("What this notice covers"),
            paragraph(
                "<p>This notice explains how we handle personal information when you:</p><ul>"
                "<li>join our involvement register;</li>"
                "<li>answer a survey or consultation, or come to one of our events, cafés or focus "
                "groups;</li>"
                "<li>share an experience of care or send us feedback through this website.</li></ul>"
                "<p>It does not cover your health records, which are held by the services that care "
                "for you.</p>"
            ),
            heading("What information we collect"),
            paragraph(
                "<ul><li>Your name and contact details, and your postcode so we know which area you "
                "live in.</li><li>The topics you are interested in and how you would like to take "
                "part.</li><li>Anything you need to take part, such as an interpreter or step-free "
                "access.</li><li>What you tell us about your experiences and views, which may include "
                "information about your health.</li><li>If you choose to give it, equality monitoring "
                "information such as your age, ethnicity, disability, religion or sexual orientation. "
                "This is always optional.</li></ul>"
            ),
            heading("Why we use it, and our lawful basis"),
            paragraph(
                "<p>We use your information to involve you in decisions about local NHS services, "
                "to tell you about opportunities that match your interests, to reply to you, and to "
                "show what difference people's views made. Equality information helps us see whose "
                "voices we are missing.</p>"
                "<p>Under the UK General Data Protection Regulation (UK GDPR), our lawful basis is "
                "Article 6(1)(e): a task carried out in the public interest. That task is our legal "
                "duty to involve the public, in section 14Z2 of the National Health Service Act 2006.</p>"
                "<p>For information about your health we rely on Article 9(2)(h), the management of "
                "health and care services. For equality monitoring information we rely on Article "
                "9(2)(g), substantial public interest, with the condition in Schedule 1, paragraph 8, "
                "of the Data Protection Act 2018 (equality of opportunity or treatment).</p>"
            ),
            heading("Who we share it with"),
            paragraph(
                "<p>We do not sell your information or use it for marketing. Companies that run our "
                "online surveys and send our emails handle it for us under contract, and only store "
                "it in the UK. When we report what people told us, we remove names and anything else "
                "that could identify you. We share your details with the service you told us about "
                "only if you ask us to, or if we believe someone is at risk of serious harm.</p>"
                "<p>The national data opt-out does not apply to this information, because you give "
                "it to us directly.</p>"
            ),
            heading("How long we keep it"),
            paragraph(
                "<p>We keep your involvement register details while you take part. If you have not "
                "taken part in anything, signed up again or updated your details for three years, "
                "we delete your details automatically. We keep only anonymous counts, such as how "
                "many people joined in a year.</p>"
                "<p>We keep feedback, survey responses and event notes that identify you for three "
                "years from your last contact with us, and then delete them. Reports and summaries "
                "with no personal information are kept for the public record.</p>"
            ),
            heading("Your rights"),
            paragraph(
                "<p>You have the right to:</p><ul>"
                "<li>ask for a copy of the information we hold about you, free of charge;</li>"
                "<li>ask us to correct information that is wrong;</li>"
                "<li>ask us to delete your information, or to stop or limit how we use it;</li>"
                "<li>object to how we use your information;</li>"
                "<li>leave the involvement register at any time.</li></ul>"
                "<p>We will reply within one month. We do not make decisions about you by automated "
                "means.</p>"
            ),
            heading("Contact our Data Protection Officer"),
            paragraph(
                "<p>To use any of your rights, or if you have a question about how we use your "
                "information, contact our Data Protection Officer:</p><ul>"
                f'<li>email <a href="mailto:{DPO_EMAIL}">{DPO_EMAIL}</a></li>'
                "<li>phone 01632 960 460</li>"
                f"<li>write to the Data Protection Officer, {ONE_LINE_ADDRESS}</li></ul>"
            ),
            heading("Complaints"),
            paragraph(
                "<p>If you are unhappy with how we have used your information, you can complain to "
                'the <a href="https://ico.org.uk/make-a-complaint/">Information Commissioner\'s '
                "Office</a> on 0303 123 1113. We would be grateful if you contacted us first so we "
                "can try to put things right.</p>"
            ),
            details(
                "Cookies on this website",
                "<p>This website only sets the cookies it needs to work, such as one that protects "
                "our forms from misuse. We do not use advertising or tracking cookies.</p>",
            ),
            paragraph(f"<p>We last updated this notice on {_month(updated)}.</p>"),
        ],
    }


def how_to_get_involved(pages):
    """The how-to page; `pages` maps slugs to pages it links to when they exist (join may not)."""
    register = (
        action_link("Join the involvement register", page=pages["join"])
        if pages.get("join")
        else paragraph(
            f'<p>To join, email <a href="mailto:{TEAM_EMAIL}">{TEAM_EMAIL}</a> or call '
            f"{TEAM_PHONE} and tell us which topics interest you.</p>"
        )
    )
    share = (
        action_link("Share your experience", page=pages["share"])
        if pages.get("share")
        else paragraph(
            f"<p>Contact the Patient Advice and Liaison Service on {PALS_PHONE} or at "
            f'<a href="mailto:{PALS_EMAIL}">{PALS_EMAIL}</a>.</p>'
        )
    )
    return {
        "title": "How to get involved",
        "intro": "There are many ways to have your say about local NHS services, from a "
        "five-minute survey to joining a panel. Choose what suits you.",
        "body": [
            heading("How much you can change a decision"),
            paragraph(
                "<p>We always tell you which of these three levels an opportunity is at, so you "
                "know how much your views can change.</p>"
            ),
            table(
                "Levels of involvement",
                [
                    ["Level", "What it means", "For example"],
                    [
                        "Inform",
                        "A decision has been made or a change is already happening. We explain it and "
                        "answer your questions.",
                        "Information sessions about how to order repeat prescriptions.",
                    ],
                    [
                        "Engage",
                        "Nothing is decided yet. Your views and experiences help shape a service or a plan.",
                        "Surveys, involvement cafés, focus groups and panels.",
                    ],
                    [
                        "Consult",
                        "A formal public consultation on a proposed significant change. It normally "
                        "lasts 12 weeks and we must consider every response before deciding.",
                        "Our consultation on the future of urgent care.",
                    ],
                ],
                first_col_is_header=True,
            ),
            heading("Ways to take part"),
            paragraph(
                "<ul>"
                "<li><strong>Surveys and consultations</strong>: online, on paper or by phone.</li>"
                "<li><strong>Events and involvement cafés</strong>: drop in, have a cup of tea and "
                "talk to the people who plan services.</li>"
                "<li><strong>Focus groups and workshops</strong>: small group discussions about one "
                "subject.</li>"
                "<li><strong>Panels</strong>: meet regularly to help plan and check a service.</li>"
                "<li><strong>Volunteer roles</strong>: help us reach people in your community.</li>"
                "<li><strong>Your GP practice's patient participation group</strong>: ask at reception.</li>"
                "<li><strong>Healthwatch Nottinghamshire</strong>: the independent champion for "
                "people who use health and care services.</li>"
                "</ul>"
            ),
            action_link("See what is open now", page=pages["get-involved"]),
            heading("Join our involvement register"),
            paragraph(
                "<p>The involvement register is a list of local people who want to hear about "
                "chances to get involved. You choose the topics and the ways you would like to "
                "take part, and you can leave at any time. If you have not taken part for three "
                'years we delete your details; our <a href="/about/privacy-notice/">'
                "privacy notice</a> explains how we look after your details.</p>"
            ),
            register,
            heading("Help to take part"),
            paragraph(
                "<p>We pay reasonable travel and care costs for our events. Our venues have step-free "
                "access and hearing loops. We can provide British Sign Language and community language "
                "interpreters, and information in easy read, large print or on paper. Just ask when "
                "you book.</p>"
            ),
            details(
                "Tell us about care you have received",
                "<p>You can tell us about your experience of a local NHS service at any time, good or "
                "bad. It helps us see where services need to improve.</p>",
            ),
            share,
            warning(
                "If you need medical help",
                "<p>This website cannot give medical advice. Call NHS 111 if you need help urgently, "
                "or 999 in an emergency.</p>",
            ),
        ],
    }
