"""The two public form pages: joining the involvement register, and sharing an experience."""

import logging

from django.db import DatabaseError, models, transaction
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.memo import remember
from involvement import notices
from involvement.forms import FeedbackForm, RegisterForm
from involvement.membership import MembershipRoutesMixin
from involvement.spam import RATE_LIMIT_MESSAGE, RateLimiter
from pages.forms import admit
from pages.models.base import BasePage

logger = logging.getLogger(__name__)

NOT_STORED_MESSAGE = (
    "Sorry, we could not save what you sent just now. Nothing you typed has been lost: "
    "please try sending the form again in a few minutes, or contact us by phone or email instead."
)


def thank_you_field(default):
    return models.TextField(
        "thank-you message",
        default=default,
        help_text="Shown after someone sends the form. Plain text; a blank line starts a new paragraph.",
    )


class PublicFormPage(RoutablePageMixin, BasePage):
    """Abstract page with a form: GET shows it, POST checks and stores it, then redirects to thank-you/.

    Subclasses add a `thank_you` text field, a form and what saving it does.
    """

    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice that explains how we use what people send. Linked from the form.",
    )
    rate_limit_scope = ""
    thank_you_template = ""

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [PageChooserPanel("privacy_notice", "pages.StandardPage"), FieldPanel("thank_you")],
            heading="Form",
        ),
    ]

    class Meta:
        abstract = True

    def make_form(self, data=None, request=None):
        raise NotImplementedError

    def save_form(self, form, request):
        raise NotImplementedError

    def live_privacy_notice(self, request=None):
        """The privacy notice page, if it is linked and published; looked up once per request
        (core/memo.py, which knows the request it is serving: `request` is not needed for that).

        The form (its consent record) and the page both need it while serving one request. It is
        a plain Page: the form links to it and records its title and revision, which Page has.
        """
        if not self.privacy_notice_id:
            return None
        notice_id = self.privacy_notice_id
        return remember(
            ("live privacy notice", notice_id), lambda: Page.objects.live().filter(pk=notice_id).first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["privacy_notice"] = self.live_privacy_notice(request)
        return context

    def accept(self, request, form):
        """Validate and store the submission; False, with the reason on the form, if it was refused.

        A slot of the rate limit is taken before saving (atomically, so simultaneous posts cannot
        all squeeze under the limit) and given back if the submission could not be stored.
        """
        limiter = RateLimiter(request, self.rate_limit_scope)
        if not admit(form, request.POST, limiter, RATE_LIMIT_MESSAGE):
            return False
        try:
            with transaction.atomic():
                self.save_form(form, request)
        except DatabaseError:
            # The database is read-only or unreachable: say so, and show the form again as typed.
            logger.exception("Could not store a %s submission", self.rate_limit_scope)
            limiter.release()
            form.add_error(None, NOT_STORED_MESSAGE)
            return False
        return True

    @path("")
    # Everything these forms take is personal: Django's error reports show none of what was
    # posted, nor the local variables of anything the view calls (form data, SQL parameters).
    @method_decorator(sensitive_post_parameters())
    @method_decorator(sensitive_variables())
    def form_view(self, request):
        if request.method == "POST":
            form = self.make_form(request.POST, request)
            if self.accept(request, form):
                return redirect(self.get_url(request) + self.reverse_subpage("thank_you"))
        else:
            form = self.make_form(request=request)
        response = self.render(request, context_overrides={"form": form})
        # The form carries a CSRF token and may hold what someone typed: never cache it.
        add_never_cache_headers(response)
        return response

    @path("thank-you/", name="thank_you")
    def thank_you_view(self, request):
        return self.render(request, template=self.thank_you_template)


class RegisterPage(MembershipRoutesMixin, PublicFormPage):
    """The involvement register sign-up at /get-involved/join/, and the pages its emailed links
    open (involvement/membership.py). A sign-up is pending until confirmed from its address."""

    thank_you = thank_you_field(
        "Thank you for joining our involvement register.\n\n"
        "We will get in touch when there is a chance to take part in something that matches "
        "your interests. You can change your details, pause your membership or leave the "
        "register at any time, with the link we send you."
    )

    rate_limit_scope = "register"
    thank_you_template = "involvement/register_thank_you.html"
    max_count = 1
    parent_page_types = ["pages.OpportunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "involvement register sign-up page"

    def consent_record(self, request=None):
        """(revision id, description) of the privacy notice a visitor is shown and agrees to."""
        notice = self.live_privacy_notice(request)
        if notice and notice.live_revision_id:
            published = notice.last_published_at or notice.first_published_at
            when = f", published {published:%d %B %Y}" if published else ""
            return notice.live_revision_id, f"{notice.title} (revision {notice.live_revision_id}{when})"
        return None, f"'{self.title}' page, no privacy notice linked (revision {self.live_revision_id})"

    def make_form(self, data=None, request=None):
        revision_id, _description = self.consent_record(request)
        current = str(revision_id or "")
        if data is not None and data.get("privacy_revision", "") != current:
            # The privacy notice changed after the form was shown: ask for consent again.
            data = data.copy()
            data["privacy_revision"] = current
            data.pop("consent", None)
            form = RegisterForm(data)
            form.is_valid()
            form.add_error(
                "consent",
                "Our privacy notice has changed since you opened this page. Read it again, "
                "then tick the box if you agree",
            )
            return form
        return RegisterForm(data, initial={"privacy_revision": current})

    def save_form(self, form, request):
        revision_id, description = self.consent_record(request)
        sign_up = form.save(consent_version=description, consent_revision_id=revision_id)
        # The same for someone new and for an address already on the register: a link to the
        # address on record, and the same "check your email" page (no way to tell who is a member).
        notices.send_confirmation(self, sign_up, request)
        return sign_up


class FeedbackPage(PublicFormPage):
    """The 'share your experience' form at /share-your-experience/; creates Feedback for triage."""

    thank_you = thank_you_field(
        "Thank you for sharing your experience.\n\n"
        "We read everything people send us and use it to improve local services. "
        "If you asked us to contact you, we will be in touch."
    )

    rate_limit_scope = "feedback"
    thank_you_template = "involvement/feedback_thank_you.html"
    max_count = 1
    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "share your experience page"

    def make_form(self, data=None, request=None):
        return FeedbackForm(data)

    def save_form(self, form, request):
        return form.save()
