"""The public alerts pages: subscribe at /alerts/, confirm from the email, unsubscribe in one click.

None needs an account. The confirm and unsubscribe pages read a signed link (messaging.links);
an altered, expired or used one gets the clear page of messaging/link_problem.html.
"""

import logging

from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from alerts import links as alert_links
from alerts import spam
from alerts.forms import SubscribeForm
from alerts.subscribing import NotConfirmed, confirm, request_alerts, unsubscribe
from messaging import links
from pages.forms import admit

logger = logging.getLogger(__name__)

NOT_STORED_MESSAGE = (
    "Sorry, we could not save your request just now. Nothing you chose has been lost: "
    "please try again in a few minutes."
)


def _private(response):
    add_never_cache_headers(response)
    return response


def _accept(request, form):
    """Validate the form and ask for the alerts; False, with the reason on the form, if refused."""
    counter = spam.limiter(request)
    if not admit(form, request.POST, counter, spam.RATE_LIMIT_MESSAGE):
        return False
    try:
        request_alerts(form.cleaned_data["email"], form.choices())
    except DatabaseError:
        logger.exception("Could not store an alerts request")
        counter.release()
        form.add_error(None, NOT_STORED_MESSAGE)
        return False
    return True


@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if _accept(request, form):
            return redirect("alerts:check_email")
    else:
        form = SubscribeForm()
    return _private(render(request, "alerts/subscribe.html", {"form": form}))


def check_email(request):
    """The same page whether the address was new or already had alerts."""
    return render(request, "alerts/check_email.html")


NEXT_STEPS = {
    alert_links.CONFIRM: "To start getting alerts, ask for them again on the email alerts page; "
    "we will send you a new link.",
    alert_links.UNSUBSCRIBE: "Use the unsubscribe link in the latest alert we sent you, "
    "or contact us and we will stop your alerts.",
}


def _problem(request, error, purpose):
    return _private(links.link_problem(request, error, next_steps=NEXT_STEPS[purpose]))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_view(request, token):
    """GET shows a button (so a mail scanner following the link confirms nothing); POST confirms."""
    consume = request.method == "POST"
    try:
        key = alert_links.read_confirm(token, consume=consume)
    except links.LinkError as error:
        return _problem(request, error, alert_links.CONFIRM)
    if not consume:
        return _private(render(request, "alerts/confirm.html", {"action": request.path}))
    try:
        subscription = confirm(key)
    except NotConfirmed:
        return _private(render(request, "alerts/gone.html", status=410))
    return _private(render(request, "alerts/confirmed.html", {"subscription": subscription}))


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here, with no token or sign-in
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token):
    """GET asks (a link scanner must not unsubscribe anyone); POST unsubscribes, as often as it is sent."""
    try:
        key = alert_links.read_unsubscribe(token)
    except links.LinkError as error:
        return _problem(request, error, alert_links.UNSUBSCRIBE)
    if request.method != "POST":
        return _private(render(request, "alerts/unsubscribe.html", {"action": request.path}))
    unsubscribe(key)
    return _private(
        render(request, "alerts/unsubscribed.html", {"subscribe_url": reverse("alerts:subscribe")})
    )
