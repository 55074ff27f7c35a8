"""Where a respondent is: the page answered, their draft, and the steps of the public flow.

The draft lives on the server (questionnaires.models.Draft); the browser's session keeps only its
key, under the page's id, so nothing else can reveal a draft. An emailed save-and-return link is a
signed single-use token naming the draft (messaging/links.py) that expires when the consultation
closes; opening it puts the draft's key in that browser's session.
"""

import datetime

from django.http import Http404
from django.utils import timezone
from wagtail.models import Site

from messaging import links
from pages.models import OpportunityPage
from questionnaires.models import Draft
from questionnaires.questions import all_questions, drop_hidden, questions_of, visible_questions
from questionnaires.recording import closes_at, has_opened, new_draft

RETURN_PURPOSE = "questionnaire-return"


def page_for(request, page_path):
    """The live, public opportunity at this address that has a questionnaire, or 404."""
    site = Site.find_for_request(request)
    if site is None or "\x00" in page_path or len(page_path) > 1000:
        raise Http404("Not a page address.")
    page = (
        OpportunityPage.objects.live().public().filter(url_path=site.root_page.url_path + page_path).first()
    )
    if page is None or not page.questionnaire:
        raise Http404("There is no questionnaire at this address.")
    return page


def is_open(page, now=None):
    """Taking responses on time: opened, and before the end of the closing day in London."""
    now = now or timezone.now()
    end = closes_at(page)
    return has_opened(page, now) and (end is None or now < end)


def has_closed(page, now=None):
    end = closes_at(page)
    return end is not None and (now or timezone.now()) >= end


class Flow:
    """One respondent's way through one page's questionnaire."""

    def __init__(self, request, page):
        self.request, self.page = request, page
        self.sections = questions_of(page)
        self.session_key = f"questionnaire.{page.pk}"
        self._draft = None

    # Steps ----------------------------------------------------------------

    @property
    def section_count(self):
        return len(self.sections)

    @property
    def asks_about_you(self):
        return bool(self.page.questionnaire_about_you)

    @property
    def asks_publish_consent(self):
        """Whether it asks "May we publish your response?" (the start page then says so)."""
        return any(question.type == "publish_consent" for question in all_questions(self.sections))

    def base_url(self):
        return f"{self.page.url}respond/"

    def section_url(self, number):
        return f"{self.base_url()}section-{number}/"

    def about_you_url(self):
        return f"{self.base_url()}about-you/"

    def check_url(self):
        return f"{self.base_url()}check/"

    def done_url(self):
        return f"{self.base_url()}done/"

    def save_url(self):
        return f"{self.base_url()}save/"

    def after_section(self, number):
        if number < self.section_count:
            return self.section_url(number + 1)
        return self.about_you_url() if self.asks_about_you else self.check_url()

    def before_section(self, number):
        return self.section_url(number - 1) if number > 1 else self.base_url()

    def before_check(self):
        return self.about_you_url() if self.asks_about_you else self.section_url(self.section_count)

    # The draft ------------------------------------------------------------

    def draft(self):
        """The respondent's draft for this page, if their session names one still usable."""
        if self._draft is None:
            key = (self.request.session.get(self.session_key) or {}).get("draft")
            if key:
                self._draft = usable_drafts(self.page).filter(key=str(key)).first()
        return self._draft

    def answers(self):
        draft = self.draft()
        return dict(draft.answers) if draft else {}

    def about_you(self):
        draft = self.draft()
        return dict(draft.about_you) if draft else {}

    def remember(self, draft):
        self._draft = draft
        self.request.session[self.session_key] = {"draft": draft.key}

    def forget(self):
        self.request.session.pop(self.session_key, None)
        self._draft = None

    def save_section(self, number, section_answers):
        """Replace this section's answers with the new ones; drop answers that became hidden."""
        own = {question.key for question in self.sections[number - 1].questions}
        kept = {key: value for key, value in self.answers().items() if key.split("__")[0] not in own}
        answers = drop_hidden(self.sections, {**kept, **section_answers})
        return self._store(answers=answers)

    def save_about_you(self, about_you):
        return self._store(about_you=about_you)

    def save_email(self, email):
        return self._store(email=email)

    def _store(self, **fields):
        draft = self.draft()
        if draft is None:
            draft = new_draft(self.page, **fields)
            self.remember(draft)
            return draft
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.save(update_fields=[*fields, "updated_at"])
        return draft

    # Progress -------------------------------------------------------------

    def first_incomplete_section(self):
        """The number of the first section with a required visible question unanswered, or None."""
        answers = self.answers()
        shown = visible_questions(self.sections, answers)
        for number, section in enumerate(self.sections, start=1):
            for question in section.answerable:
                if (
                    question.key in shown
                    and question.required
                    and answers.get(question.key) in (None, "", [])
                ):
                    return number
        return None

    def visible_answers(self):
        """[(section number, section, [(question, value)])] of what is shown, for checking."""
        return self.visible_answers_for(self.answers())

    def visible_answers_for(self, answers):
        shown = visible_questions(self.sections, answers)
        rows = []
        for number, section in enumerate(self.sections, start=1):
            items = [(q, answers.get(q.key)) for q in section.answerable if q.key in shown]
            if items:
                rows.append((number, section, items))
        return rows

    # Save and return links ------------------------------------------------

    def return_token(self, draft):
        seconds = max(60, int((draft.expires_at - timezone.now()).total_seconds()))
        return links.make_token(
            RETURN_PURPOSE,
            [self.page.pk, draft.key],
            max_age=datetime.timedelta(seconds=seconds),
            single_use=True,
        )

    def return_url(self, draft):
        return self.request.build_absolute_uri(f"{self.base_url()}resume/?t={self.return_token(draft)}")


def usable_drafts(page):
    return Draft.objects.filter(opportunity=page, submitted_at__isnull=True, expires_at__gt=timezone.now())


def draft_for_token(page, token, *, consume=True):
    """The draft a save-and-return link names (using up the link); raises a links.LinkError."""
    subject = links.read_token(token, RETURN_PURPOSE)
    if not isinstance(subject, list) or len(subject) != 2 or subject[0] != page.pk:
        raise links.LinkInvalid()
    draft = usable_drafts(page).filter(key=str(subject[1])).first()
    if draft is None:
        raise links.LinkExpired()
    if consume:
        links.read_token(token, RETURN_PURPOSE, consume=True)
    return draft
