"""Organisation details as a site setting: another CCG, ICB or trust changes these, not code."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from pages.blocks import SIMPLE_RICH_TEXT, LinkListBlock


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Name, contact details and legal wording; read by the header, footer and forms."""

    name = models.CharField(
        max_length=150,
        default="NHS Engagement Hub",
        help_text="Full name, shown in the header and footer, e.g. 'NHS Mid Nottinghamshire CCG'.",
    )
    short_name = models.CharField(
        max_length=50,
        default="Engagement Hub",
        help_text="Short form used in page titles and emails, e.g. 'Mid Notts CCG'.",
    )
    descriptor = models.CharField(
        max_length=100,
        blank=True,
        help_text="Optional line under the name in the header, e.g. 'Clinical Commissioning Group'.",
    )
    address = models.TextField(blank=True, help_text="Postal address, one line per line.")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    legal_duty = RichTextField(
        features=SIMPLE_RICH_TEXT,
        blank=True,
        help_text="How the law requires the organisation to involve the public; shown on the "
        "getting involved pages and the annual report.",
    )
    pals_details = RichTextField(
        features=SIMPLE_RICH_TEXT,
        blank=True,
        verbose_name="PALS and complaints",
        help_text="How to reach the Patient Advice and Liaison Service and make a complaint.",
    )
    footer_links = StreamField(
        LinkListBlock(), blank=True, help_text="Links in the footer, such as the privacy notice."
    )
    social_links = StreamField(
        LinkListBlock(), blank=True, help_text="Social media accounts, shown in the footer."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("descriptor")],
            heading="Name",
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading="Contact",
        ),
        FieldPanel("legal_duty"),
        FieldPanel("pals_details"),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = "organisation"
