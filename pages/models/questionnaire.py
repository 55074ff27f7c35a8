"""The questionnaire an opportunity can carry: its questions and what the start page says.

An abstract model mixed into OpportunityPage, so the questions are page fields: saved in each
revision, shown to the approvers and covered by the sign-off fingerprint. The public flow, the
responses and the lock on questions that have been answered live in the questionnaires app.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from pages.blocks import SIMPLE_RICH_TEXT
from pages.question_blocks import QuestionnaireBlock


class QuestionnaireMixin(models.Model):
    questionnaire = StreamField(
        QuestionnaireBlock(),
        blank=True,
        help_text="Sections of questions, answered online at this page's address followed by respond/.",
    )
    questionnaire_minutes = models.PositiveSmallIntegerField(
        "minutes it takes",
        null=True,
        blank=True,
        help_text="About how long the questionnaire takes, shown on its start page.",
    )
    questionnaire_about_you = models.BooleanField(
        "ask the 'About you' questions",
        default=False,
        help_text="Adds the register's optional equality questions, each with 'Prefer not to say'.",
    )
    questionnaire_privacy = models.TextField(
        "how answers are used",
        blank=True,
        help_text="One or two sentences on what happens to the answers, shown on the start page.",
    )
    other_ways_to_respond = RichTextField(
        features=SIMPLE_RICH_TEXT,
        blank=True,
        help_text="Paper, email, phone or events: how else people can respond.",
    )

    questionnaire_panels = [
        MultiFieldPanel(
            [
                FieldPanel("questionnaire_minutes"),
                FieldPanel("questionnaire_privacy"),
                FieldPanel("other_ways_to_respond"),
                FieldPanel("questionnaire_about_you"),
            ],
            heading="Start page",
        ),
        FieldPanel("questionnaire"),
    ]

    class Meta:
        abstract = True

    # Editors and approvers can preview the questions themselves, every section and condition.
    preview_modes = [("", "Page"), ("questionnaire", "Questionnaire")]

    def get_preview_template(self, request, mode_name):
        if mode_name == "questionnaire":
            return "pages/questionnaire_preview.html"
        return super().get_preview_template(request, mode_name)

    @property
    def has_questionnaire(self):
        return bool(self.questionnaire)
