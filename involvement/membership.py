"""The register's pages reached from an emailed link, as routes of RegisterPage (/get-involved/join/).

  confirm/?t=<token>                 confirm a new sign-up
  confirm-change/?t=<token>          confirm the answers of a sign-up with a member's address
  manage/                            "send me my link": an email address in, the same answer for any
  membership/?t=<token>              change interests and contact details, pause or resume
  membership/download/?t=<token>     what we hold about them, as JSON
  membership/leave/?t=<token>        leave the register, which erases their personal data

The token (messaging.links) goes in the query string: it holds colons, which a path segment
of a page route does not take.
No account and no password: the signed link is the key. Links that are sent to be clicked once
(confirmations) are consumed only by the POST of the page's button, so a mail scanner that
follows a link does not use it up. Every bad link shows messaging's link-problem page. Nothing
here is cached, and each action is in the audit log against "Member 12", with no personal data.
"""

import json
from urllib.parse import urlencode

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.contrib.routable_page.models import path
from wagtail.log_actions import log

from involvement import member_links, notices
from involvement.erasure_ledger import LedgerError
from involvement.member_links import LinkError, LinkInvalid, link_problem
from involvement.membership_forms import ManageForm, ManageLinkForm
from involvement.models.members import Member
from involvement.models.pending import PendingChange
from involvement.personal_data import member_record
from involvement.spam import HONEYPOT_MESSAGE, RATE_LIMIT_MESSAGE, RateLimiter, honeypot_filled

MANAGE_NEXT_STEPS = "You can ask for a new link to manage your membership."


def token_from(request):
    return str(request.GET.get("t", ""))[:2000]


def never_cached(response):
    add_never_cache_headers(response)
    return response


class MembershipRoutesMixin:
    """Routes of RegisterPage for confirming sign-ups and managing a membership."""

    def membership_render(self, request, template, status=200, **context):
        response = self.render(request, template=template, context_overrides=context)
        response.status_code = status
        return never_cached(response)

    def link_problem(self, request, error, next_steps=""):
        return never_cached(link_problem(request, error, next_steps=next_steps))

    def manage_link_url(self):
        return self.url + self.reverse_subpage("manage_link")

    # Confirmations ---------------------------------------------------------------------------

    def _confirm(self, request, token, purpose, prefix, find, act):
        try:
            pk = member_links.pk_from(member_links.read(token, purpose), prefix)
            target = find(pk)
            if target is None:
                raise LinkInvalid()
            if request.method != "POST":
                return self.membership_render(request, "involvement/confirm.html", change=prefix == "change")
            with transaction.atomic():
                member_links.read(token, purpose, consume=True)
                member = act(target)
        except LinkError as error:
            return self.link_problem(request, error, self.confirm_next_steps())
        if member is None:
            return self.link_problem(request, LinkInvalid(), self.confirm_next_steps())
        return self.membership_render(
            request, "involvement/confirmed.html", manage_url=notices.manage_url(self, member, request)
        )

    def confirm_next_steps(self):
        return "You can fill in the form to join the register again; we will send you a new link."

    @path("confirm/", name="confirm")
    @method_decorator(sensitive_variables())
    def confirm_view(self, request):
        token = token_from(request)

        def confirm(member):
            return member.confirm()

        return self._confirm(
            request,
            token,
            member_links.CONFIRM,
            "member",
            lambda pk: Member.objects.active().filter(pk=pk).first(),
            confirm,
        )

    @path("confirm-change/", name="confirm_change")
    @method_decorator(sensitive_variables())
    def confirm_change_view(self, request):
        token = token_from(request)

        def find(pk):
            return PendingChange.objects.filter(pk=pk, member__erased_at__isnull=True).first()

        return self._confirm(
            request, token, member_links.CHANGE, "change", find, lambda change: change.apply()
        )

    # Send me my link -------------------------------------------------------------------------

    @path("manage/", name="manage_link")
    @method_decorator(sensitive_post_parameters())
    @method_decorator(sensitive_variables())
    def manage_link_view(self, request):
        """The same page, the same work and the same status whether or not the address is known."""

        form = ManageLinkForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            limiter = RateLimiter(request, "manage-link")
            if honeypot_filled(request.POST):
                limiter.hit()
                form.add_error(None, HONEYPOT_MESSAGE)
            elif form.is_valid() and not limiter.take():
                form.add_error(None, RATE_LIMIT_MESSAGE)
            elif form.is_valid():
                email = form.cleaned_data["email"].strip()
                member = Member.objects.active().filter(email__iexact=email).order_by("pk").first()
                if member is not None:
                    notices.send_manage_link(self, member, request)
                return self.membership_render(request, "involvement/manage_link_sent.html")
        return self.membership_render(request, "involvement/manage_link.html", form=form)

    # Manage your membership ------------------------------------------------------------------

    def member_for(self, token):
        """The member a manage link is for; raises LinkError. Erased, or a changed address, is invalid."""

        subject = member_links.read(token, member_links.MANAGE)
        member = Member.objects.active().filter(pk=member_links.pk_from(subject, "member")).first()
        if member is None or member_links.manage_subject(member) != subject:
            raise LinkInvalid()
        return member

    @path("membership/", name="manage")
    @method_decorator(sensitive_post_parameters())
    @method_decorator(sensitive_variables())
    def manage_view(self, request):
        token = token_from(request)
        try:
            member = self.member_for(token)
        except LinkError as error:
            return self.link_problem(request, error, MANAGE_NEXT_STEPS)
        form = ManageForm(member=member)
        done = ""
        if request.method == "POST":
            action = request.POST.get("action", "update")
            if action == "pause" and not member.is_paused:
                member.pause()
                done = "paused"
            elif action == "resume" and member.is_paused:
                member.resume()
                done = "resumed"
            elif action == "update":
                form = ManageForm(request.POST, member=member)
                if form.is_valid() and form.save():
                    log(member, "involvement.self_update")
                    done = "updated"
                    if form.address_change is not None:
                        notices.send_new_address_confirmation(self, form.address_change, request)
                        done = "address"
            if done:
                return redirect(
                    self.url + self.reverse_subpage("manage") + "?" + urlencode({"t": token, "done": done})
                )
        done = request.GET.get("done", "")
        return self.membership_render(
            request,
            "involvement/manage.html",
            member=member,
            form=form,
            token=token,
            done=done if done in {"paused", "resumed", "updated", "address"} else "",
        )

    @path("membership/download/", name="manage_download")
    @method_decorator(sensitive_variables())
    def manage_download_view(self, request):
        token = token_from(request)

        try:
            member = self.member_for(token)
        except LinkError as error:
            return self.link_problem(request, error, MANAGE_NEXT_STEPS)
        log(member, "involvement.self_export")
        record = {"generated_at": timezone.now().isoformat(), "register_member": member_record(member)}
        response = HttpResponse(
            json.dumps(record, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="my-involvement-register-data.json"'
        return never_cached(response)

    @path("membership/leave/", name="manage_leave")
    @method_decorator(sensitive_variables())
    def manage_leave_view(self, request):
        token = token_from(request)

        try:
            member = self.member_for(token)
        except LinkError as error:
            return self.link_problem(request, error, MANAGE_NEXT_STEPS)
        if request.method == "POST":
            try:
                member.erase(reason="left the register")
            except LedgerError:
                return self.membership_render(
                    request, "involvement/leave.html", status=503, token=token, failed=True
                )
            return self.membership_render(request, "involvement/left.html")
        return self.membership_render(request, "involvement/leave.html", token=token)
