"""The consultation plan: the internal half of an opportunity that approvers sign off.

The plan lives on OpportunityPage itself, in its own editor tab, so one page revision
carries both what the public will see and what the approvers agreed to, and Wagtail's
page workflow, locking, comparison and history cover both. None of these fields is in
the page's templates, search_fields or api_fields.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel

from core.equality import GROUP_CHOICES
from core.model_fields import ChoiceListField
from workflows.panels import StakeholderGridPanel
from workflows.plan_rules import Category, EIAStatus, approval_problems, plan_problems

ENGAGEMENT_METHODS = [
    ("survey", "Survey (online and paper)"),
    ("public_meetings", "Public meetings"),
    ("focus_groups", "Focus groups or workshops"),
    ("drop_in", "Drop-in sessions or involvement cafés"),
    ("reference_groups", "Patient reference and participation groups"),
    ("outreach", "Outreach to seldom-heard groups"),
    ("voluntary_sector", "Through voluntary and community groups"),
    ("social_media", "Social media and website"),
    ("media", "Press and radio"),
]


class ConsultationPlan(models.Model):
    """Abstract: the plan fields and their editor panels, mixed into OpportunityPage."""

    plan_proposal = models.TextField(
        "the proposal and its rationale",
        blank=True,
        help_text="What is proposed and why: the problem, the evidence, the options considered.",
    )
    plan_decision = models.TextField(
        "the decision being consulted on",
        blank=True,
        help_text="The decision the organisation will take after hearing from people, and who takes it.",
    )
    category = models.CharField(
        max_length=1,
        choices=Category.choices,
        blank=True,
        help_text="How much the change affects people. It decides which sign-offs the plan needs: "
        "A – engagement team only; B – also equality and clinical leads; C – also the lay "
        "member and the Governing Body. Once the plan has been submitted, only the Engagement "
        "team can change it, during their review, giving a reason.",
    )
    eia_status = models.CharField(
        "equality impact assessment status",
        max_length=20,
        choices=EIAStatus.choices,
        blank=True,
        help_text="Required for category B and C. The equality stage cannot approve until it is complete.",
    )
    eia_summary = models.TextField(
        "equality impact summary",
        blank=True,
        help_text="Which of the nine protected characteristics are affected, and how the plan responds.",
    )
    eia_groups = ChoiceListField(
        "groups the assessment finds affected",
        item_choices=GROUP_CHOICES,
        help_text="Tick each group the equality impact assessment says the change affects. While "
        "the consultation is open, its reach table (Responses, then 'Who we heard from') shows "
        "these groups first and warns when too few of them have responded.",
    )
    eia_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="equality impact assessment document",
        help_text="Upload it to the 'Consultation plans (internal)' collection: "
        "only staff can open it there.",
    )
    engagement_methods = ChoiceListField(
        item_choices=ENGAGEMENT_METHODS, help_text="How people will be reached and heard."
    )
    short_period_reason = models.TextField(
        "reason for a period shorter than 12 weeks",
        blank=True,
        help_text="A formal consultation normally runs for at least 12 weeks. If this one is "
        "shorter, say why (for example, an urgent patient safety issue).",
    )
    osc_involvement = models.BooleanField(
        "the Overview and Scrutiny Committee must be involved",
        default=False,
        help_text="Tick for a substantial change to services: the council's committee must be consulted.",
    )
    osc_notified_on = models.DateField(
        "date the Overview and Scrutiny Committee was notified",
        null=True,
        blank=True,
        help_text="The Governing Body cannot sign off until this date is recorded.",
    )
    resources = models.TextField(blank=True, help_text="Staff time, venues, printing, translation, budget.")
    evaluation = models.TextField(
        "how the engagement will be evaluated",
        blank=True,
        help_text="How you will know it reached the right people, and how results will be fed back.",
    )

    plan_panels = [
        HelpPanel(
            content="<p>This tab is internal: nothing here is ever shown on the public site, in search, "
            "feeds or the API. A plan is needed for every consultation and every engagement about a "
            "change to a service. The proposed dates are the opening and closing dates on the "
            "<em>Taking part</em> tab.</p>",
        ),
        MultiFieldPanel(
            [
                FieldPanel("plan_proposal"),
                FieldPanel("plan_decision"),
                FieldPanel("category"),
                FieldPanel("category_change_reason"),
            ],
            heading="Proposal",
        ),
        MultiFieldPanel(
            [
                InlinePanel("stakeholders", label="Stakeholder group"),
                StakeholderGridPanel(heading="Stakeholder grid"),
            ],
            heading="Stakeholder analysis",
            help_text="Rate each group's influence over and interest in the decision; the approach "
            "follows from the quadrant and is drawn in the grid below once saved.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("eia_status"),
                FieldPanel("eia_summary"),
                FieldPanel("eia_groups"),
                FieldPanel("eia_document"),
            ],
            heading="Equality impact assessment",
        ),
        MultiFieldPanel(
            [FieldPanel("engagement_methods"), FieldPanel("short_period_reason")],
            heading="How people will be involved",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("osc_involvement"), FieldPanel("osc_notified_on")])],
            heading="Overview and Scrutiny Committee",
        ),
        MultiFieldPanel(
            [FieldPanel("resources"), FieldPanel("evaluation")], heading="Resources and evaluation"
        ),
    ]

    class Meta:
        abstract = True

    @property
    def signoff_category(self):
        """The category that decides the stages; opportunities without a plan count as A."""
        return self.category or Category.A

    def submission_problems(self):
        """[(field name or None, message)] that stop this plan being submitted for sign-off."""
        return plan_problems(lambda name: getattr(self, name), len(self.stakeholders.all()))

    def approval_problems(self):
        """[(field name or None, message)] that stop any stage approving this plan, or it being
        published: the submission guards and those the later stages rely on."""
        return approval_problems(lambda name: getattr(self, name), len(self.stakeholders.all()))
