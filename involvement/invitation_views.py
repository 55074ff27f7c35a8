"""Staff views for sending an opportunity's invitation, and its letter and call lists.

Engagement team only (involvement/permissions.py). Writing and sending need `add_invitation`;
the lists, which show names and addresses, need `view_member`, and every look at them is in the
audit log (who, when, how many; never which people).
"""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page

from core.exports import neutralise
from involvement import invitations
from involvement.admin_views import log_register_access
from involvement.models import InvitationChannel
from involvement.permissions import has_involvement_perm
from pages.models import OpportunityPage


class InvitationForm(forms.Form):
    text = forms.CharField(
        label="Your invitation",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="A few sentences on why you would like them to take part. The opportunity's "
        "title, summary, dates and link are added after it, and a link to manage their membership.",
        error_messages={
            "required": "Write the invitation",
            "max_length": "The invitation must be 3000 characters or fewer",
        },
    )


def opportunity_for(request, page_id, codename):
    if not has_involvement_perm(request.user, codename):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, OpportunityPage):
        raise Http404("Only opportunities have invitations.")
    return page


def interests_of(page):
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    return [t.pk for t in draft.topics.all()], [a.pk for a in draft.audiences.all()]


def preview(page, text, plan):
    """The email the first email recipient would get (or a sample), as text."""
    context = {
        **invitations.opportunity_context(page, text),
        "name": "Sam Sample",
        "manage_url": "(their link)",
    }
    return render_to_string("involvement/messages/invitation.txt", context)


def compose_invitation(request, page_id):
    page = opportunity_for(request, page_id, "add_invitation")
    topic_ids, audience_ids = interests_of(page)
    matches_url = reverse("involvement_opportunity_matches", args=[page.pk])
    form = InvitationForm(request.POST or None)
    context = {"page": page, "form": form, "matches_url": matches_url, "limit": invitations.limit()}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if request.POST.get("action") == "send":
            sent = invitations.send(page, text, topic_ids, audience_ids, user=request.user)
            messages.success(
                request,
                ngettext(
                    "Invitation sent to %(count)d member.",
                    "Invitations sent to %(count)d members.",
                    sent.total,
                )
                % {"count": sent.total},
            )
            return redirect(matches_url)
        plan = invitations.plan(page, topic_ids, audience_ids)
        log(page, "involvement.matches", user=request.user)
        context.update(
            plan=plan,
            preview=preview(page, text, plan),
            letters_by_notify=invitations.letters_sent_by_notify(),
        )
    return TemplateResponse(request, "involvement/admin/compose_invitation.html", context)


LETTER_COLUMNS = ["name", "address", "postcode", "opportunity", "link", "invitation", "access_needs"]


def letter_list(request, page_id):
    """Invitations to send by post: a printable page, or a mail-merge CSV (?format=csv)."""
    page = opportunity_for(request, page_id, "view_member")
    rows = list(invitations.still_to_do(page, InvitationChannel.LETTER))
    export = request.GET.get("format") == "csv"
    log_register_access(
        request.user,
        "involvement.export",
        format="csv" if export else "letters",
        rows=len(rows),
        filtered=True,
    )
    if export:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="letters-{page.pk}.csv"'
        writer = csv.writer(response)
        writer.writerow(LETTER_COLUMNS)
        for invitation in rows:
            member = invitation.member
            cells = [
                member.name,
                member.address,
                member.postcode,
                page.title,
                page.get_full_url(request),
                invitation.text,
                member.access_needs,
            ]
            writer.writerow([neutralise(cell) for cell in cells])
        return response
    return TemplateResponse(
        request, "involvement/admin/letter_list.html", {"page": page, "rows": rows, "print_view": True}
    )


def call_list(request, page_id):
    """Invitations to make by phone."""
    page = opportunity_for(request, page_id, "view_member")
    rows = list(invitations.still_to_do(page, InvitationChannel.PHONE))
    log_register_access(request.user, "involvement.list", page=1, shown=len(rows), filtered=True)
    return TemplateResponse(request, "involvement/admin/call_list.html", {"page": page, "rows": rows})
