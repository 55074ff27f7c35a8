"""Admin views for the register beyond modeladmin's own: export, erase, invite and matching members."""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page
from wagtail_modeladmin.views import EditView, HistoryView, IndexView, InspectView, InstanceSpecificView

from core.exports import FormulaSafeExportMixin
from involvement.admin_forms import ConfirmByStaffForm, InviteForm, MatchesInviteForm
from involvement.erasure_ledger import LedgerError
from involvement.models import Invitation, Member
from involvement.permissions import has_involvement_perm
from pages.models import OpportunityPage


def log_register_access(user, action, **data):
    """Records a look at the register as a whole in the audit log: who, when, how many, not which
    people. The search box may hold an email address, so the query itself is never recorded."""
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Member),
        # Not one member but the register; "0" names no row, and Wagtail's history report
        # then shows the label without a link.
        object_id="0",
        label="Involvement register",
        action=action,
        user=user,
        timestamp=timezone.now(),
        data=data,
    )


def log_register_export(user, export_format, rows, filtered):
    return log_register_access(user, "involvement.export", format=export_format, rows=rows, filtered=filtered)


class LogViewMixin:
    """Records in the audit log that a member of staff opened a page showing someone's personal data."""

    def get(self, request, *args, **kwargs):
        log(self.instance, "involvement.view", user=request.user)
        return super().get(request, *args, **kwargs)


class MemberIndexView(FormulaSafeExportMixin, IndexView):
    """The register listing and its CSV/XLSX export; excludes erased members."""

    def is_filtered(self):
        return any(key not in (self.EXPORT_VAR, self.PAGE_VAR) for key in self.request.GET)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_register_export(self.request.user, spreadsheet_format, queryset.count(), self.is_filtered())
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each page of the listing shows up to a page of people's names and emails.
        page_obj = context["page_obj"]
        log_register_access(
            self.request.user,
            "involvement.list",
            page=page_obj.number,
            shown=len(page_obj.object_list),
            filtered=self.is_filtered(),
        )
        return context


class MemberInspectView(LogViewMixin, InspectView):
    """A member's details, read only; each visit is in the audit log."""


class FeedbackEditView(LogViewMixin, EditView):
    """Triage of one feedback item; each visit is in the audit log."""


class MemberEditView(LogViewMixin, EditView):
    """Editing a member's details, usually at their request, counts as activity."""

    def form_valid(self, form):
        response = super().form_valid(form)
        self.instance.touch()
        return response


class AuditHistoryView(HistoryView):
    """A record's audit history, which names whoever looked at it: only for those who may see the record."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_view_history(user, self.instance)


class MemberActionView(InstanceSpecificView):
    """A page of the register admin that acts on one member, with its own template and a title
    naming the member ("Member 12", never their name)."""

    meta_title = ""  # with {member}

    def get_meta_title(self):
        return self.meta_title.format(member=self.instance)

    def get_template_names(self):
        return [self.template_name]


class EraseMemberView(MemberActionView):
    """Confirms, then blanks every personal field of one member; the row stays for the counts."""

    page_title = "Erase personal data"
    meta_title = "Erase the personal data of {member}"
    template_name = "involvement/admin/erase_member.html"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_erase_obj(user, self.instance)

    def post(self, request, *args, **kwargs):
        try:
            self.instance.erase(user=request.user, reason="request")
        except LedgerError as error:
            messages.error(request, str(error))
            return redirect(self.index_url)
        messages.success(request, f"{self.instance}: personal data erased.")
        return redirect(self.index_url)


class ConfirmMemberView(MemberActionView):
    """Confirms a sign-up that has no email address or phone to confirm from (a form sent by post,
    a phone call), once staff have heard from the person themselves; how is recorded."""

    page_title = "Confirm sign-up"
    meta_title = "Confirm the sign-up of {member}"
    template_name = "involvement/admin/confirm_member.html"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_confirm(user, self.instance)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ConfirmByStaffForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = ConfirmByStaffForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.instance.confirm(user=request.user, how=form.cleaned_data["how"])
        messages.success(request, f"{self.instance}: sign-up confirmed.")
        return redirect(self.index_url)


class InviteMemberView(MemberActionView):
    """Records that one member was invited to an opportunity."""

    page_title = "Record an invitation"
    meta_title = "Record an invitation for {member}"
    template_name = "involvement/admin/invite_member.html"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_invite(user, self.instance)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", InviteForm())
        kwargs["invitations"] = self.instance.invitations.select_related("opportunity")
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        opportunity = form.cleaned_data["opportunity"]
        _invitation, created = Invitation.record(self.instance, opportunity, user=request.user)
        if created:
            messages.success(request, f"Invitation to '{opportunity.title}' recorded for {self.instance}.")
        else:
            messages.warning(request, f"{self.instance} was already invited to '{opportunity.title}'.")
        return redirect(self.index_url)


def invitation_url(member):
    return reverse("involvement_member_modeladmin_invite", args=[quote(member.pk)])


def opportunity_matches(request, page_id):
    """Members whose topics or audiences overlap an opportunity's, with a form to invite them.

    Uses the opportunity's latest draft, so the list is right while the page is being written.
    """
    if not has_involvement_perm(request.user, "view_member"):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, OpportunityPage):
        raise Http404("Only opportunities have matching members.")
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    topics = list(draft.topics.all())
    audiences = list(draft.audiences.all())
    matches = (
        Member.objects.matching([t.pk for t in topics], [a.pk for a in audiences])
        .prefetch_related("topics", "audiences", "methods")
        .order_by("name", "pk")
    )
    invited = dict(Invitation.objects.filter(opportunity=page).values_list("member_id", "invited_at"))
    can_invite = has_involvement_perm(request.user, "add_invitation")

    form = MatchesInviteForm(queryset=matches.exclude(pk__in=invited))
    if request.method == "POST":
        if not can_invite:
            raise PermissionDenied
        form = MatchesInviteForm(request.POST, queryset=matches.exclude(pk__in=invited))
        if form.is_valid():
            count = 0
            for member in form.cleaned_data["members"]:
                _invitation, created = Invitation.record(member, page, user=request.user)
                count += created
            messages.success(
                request,
                ngettext(
                    "Invitation recorded for %(count)d member.",
                    "Invitations recorded for %(count)d members.",
                    count,
                )
                % {"count": count},
            )
            return redirect(request.path)

    topic_ids = {t.pk for t in topics}
    audience_ids = {a.pk for a in audiences}
    # Listed in the opportunity's history: who looked at the register through it, and when.
    log(page, "involvement.matches", user=request.user)
    rows = [
        {
            "member": member,
            "matched_topics": [t for t in member.topics.all() if t.pk in topic_ids],
            "matched_audiences": [a for a in member.audiences.all() if a.pk in audience_ids],
            "invited_at": invited.get(member.pk),
        }
        for member in matches
    ]
    return TemplateResponse(
        request,
        "involvement/admin/opportunity_matches.html",
        {
            "page": page,
            "topics": topics,
            "audiences": audiences,
            "rows": rows,
            "form": form,
            "can_invite": can_invite,
            "uninvited_count": sum(1 for row in rows if not row["invited_at"]),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )
