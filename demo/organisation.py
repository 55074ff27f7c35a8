"""The demo organisation: its site settings and the teams that demo pages give as contacts."""

from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import Site

from demo.sync import apply_fields, link
from pages.models import OrganisationSettings

# Contact details are fictional: an `.example` domain that never resolves and telephone numbers
# from the range Ofcom keeps for drama, so nobody real is ever called or emailed from the demo.
DOMAIN = "midnotts-ccg.example"
PHONE = "01632 960 400"
ADDRESS = "1 Example Way\nMansfield\nNottinghamshire\nNG18 9ZZ"

ENGAGEMENT_TEAM = ("Communications and Engagement Team", f"involvement@{DOMAIN}", "01632 960 410")
PATIENT_EXPERIENCE_TEAM = ("Patient Experience Team", f"patientexperience@{DOMAIN}", "01632 960 420")
MEDICINES_TEAM = ("Medicines Optimisation Team", f"medicines@{DOMAIN}", "01632 960 440")
MATERNITY_TEAM = ("Maternity Commissioning Team", f"maternity@{DOMAIN}", "01632 960 450")

PALS_PHONE = "01632 960 430"
PALS_EMAIL = f"pals@{DOMAIN}"
DPO_EMAIL = f"dpo@{DOMAIN}"

LEGAL_DUTY = (
    "<p>As a clinical commissioning group we must, under section 14Z2 of the National Health "
    "Service Act 2006 (as amended by the Health and Social Care Act 2012), involve the public in "
    "planning the services we commission, in developing and considering proposals to change "
    "them, and in decisions that would affect how they are provided or which services are "
    "available.</p>"
    "<p>We report every year on how we met this duty, and we consult the council's health "
    "scrutiny committee before any substantial change to a service.</p>"
)

PALS_DETAILS = (
    "<p>The Patient Advice and Liaison Service (PALS) gives confidential advice and help with "
    "concerns about local NHS services, and can help you make a complaint.</p>"
    f"<ul><li>Phone: {PALS_PHONE}, Monday to Friday, 9am to 4:30pm</li>"
    f'<li>Email: <a href="mailto:{PALS_EMAIL}">{PALS_EMAIL}</a></li>'
    "<li>Write to: PALS, 1 Example Way, Mansfield NG18 9ZZ</li></ul>"
    "<p>If you are not happy with how we handled your complaint, you can ask the Parliamentary "
    "and Health Service Ombudsman to look at it.</p>"
)

SOCIAL_LINKS = [
    ("Facebook", "https://facebook.example/midnottsccg"),
    ("X (formerly Twitter)", "https://x.example/midnottsccg"),
    ("YouTube", "https://youtube.example/@midnottsccg"),
]


def ensure_settings(pages, stdout=None, force=False):
    """Fill in OrganisationSettings for the default site; `pages` maps slugs to footer targets.

    As with pages, settings that someone has saved in the admin since (the latest entry in
    their history has a user) are kept as they are unless `force` is true.
    """
    site = Site.objects.get(is_default_site=True)
    settings = OrganisationSettings.for_site(site)
    latest = log_registry.get_logs_for_instance(settings).order_by("-timestamp", "-pk").first()
    if not force and latest is not None and latest.user_id is not None:
        if stdout is not None:
            stdout.write(
                "  kept      organisation settings (changed in the admin since the demo content was loaded)"
            )
        return settings
    changed = apply_fields(
        settings,
        {
            "name": "NHS Mid Nottinghamshire CCG",
            "short_name": "Mid Notts CCG",
            "descriptor": "Clinical Commissioning Group (demonstration site)",
            "address": ADDRESS,
            "phone": PHONE,
            "email": f"engagement@{DOMAIN}",
            "legal_duty": LEGAL_DUTY,
            "pals_details": PALS_DETAILS,
            "footer_links": [
                link(pages["about"], text="About us"),
                link(pages["accessibility-statement"], text="Accessibility statement"),
                link(pages["privacy-notice"], text="Privacy notice"),
            ],
            "social_links": [link(text=text, url=url) for text, url in SOCIAL_LINKS],
        },
    )
    if changed:
        settings.full_clean()
        settings.save()
        log(instance=settings, action="wagtail.edit")
        if stdout is not None:
            stdout.write("  updated   organisation settings")
    return settings
