"""The admin's "forgotten password" form: it takes the same time whether or not the address has an
account, and it cannot be used to flood anyone's inbox.

Django's form renders and sends an email only for an existing account, which makes the answer
slower for those addresses and tells an attacker who has an account. This one does the same work
for every address: it finds the accounts, then renders the email for each, or for a stand-in when
there is none, and hands real emails to the outbox (messaging/, through EMAIL_BACKEND), whose
worker sends them in the background, so the mail server's speed never shows in the answer.

At most PASSWORD_RESET_LIMIT_PER_ADDRESS requests an hour are acted on from one address (the one
the sign-in lockout uses) and PASSWORD_RESET_LIMIT_PER_ACCOUNT for one email address. Beyond that
the page answers exactly as before and nothing is sent, so the limits reveal nothing either.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from core.addresses import client_ip
from core.ratelimit import RateLimit

HOUR = 60 * 60


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's password reset form, doing constant work and limited per address and per account."""

    may_send = False

    def limits(self, request, email):
        address = client_ip(request) if request is not None else ""
        return [
            RateLimit("password-reset.address", address, settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, HOUR),
            RateLimit(
                "password-reset.account", email.casefold(), settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT, HOUR
            ),
        ]

    def save(self, *args, request=None, **kwargs):
        # Every request counts against both limits, known address or not.
        taken = [limit.take() for limit in self.limits(request, self.cleaned_data["email"])]
        self.may_send = all(taken)
        return super().save(*args, request=request, **kwargs)

    def get_users(self, email):
        users = list(super().get_users(email))
        if users:
            return users
        # Nobody has this address: render the same email for someone who does not exist.
        stand_in = get_user_model()(email=email, username="")
        stand_in.set_unusable_password()
        return [stand_in]

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context) if html_email_template_name else None
        )
        if self.may_send and context["user"].pk is not None:
            message = EmailMultiAlternatives(subject, body, from_email, [to_email])
            if html:
                message.attach_alternative(html, "text/html")
            message.send()
