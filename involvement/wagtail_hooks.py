"""Admin for the register and feedback (Engagement team only), and the opportunity 'matching members' link."""

from django import forms
from django.contrib.admin.utils import quote
from django.urls import path, re_path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from involvement import admin_views, invitation_views
from involvement.models import Feedback, FeedbackTheme, Invitation, Member
from involvement.permissions import (
    EngagementTeamPermissionHelper,
    FeedbackPermissionHelper,
    InvitationPermissionHelper,
    MemberPermissionHelper,
    has_involvement_perm,
)
from involvement.personal_fields import INTEREST_FIELDS, SIGN_UP_FIELDS
from pages.admin_buttons import register_opportunity_button

# The register export's column for each sign-up field: a choice or a many-to-many by its names.
EXPORT_COLUMNS = {
    "preferred_contact": "contact_method",
    "topics": "topic_list",
    "audiences": "audience_list",
    "methods": "method_list",
}
# When a member joined, was last active and what they agreed to: after what they told us.
RECORD_FIELDS = ["joined_at", "last_activity_at", "consent_version", "consented_at"]


class MemberButtonHelper(ButtonHelper):
    """Adds 'Invite' and 'Erase personal data' to each member's buttons."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        user, permissions = self.request.user, self.permission_helper

        def button(action, label, classname, title):
            return {
                "url": self.url_helper.get_action_url(action, quote(obj.pk)),
                "label": label,
                "classname": self.finalise_classname([classname, *(classnames_add or [])]),
                "title": title,
            }

        if permissions.user_can_confirm(user, obj):
            confirm = f"Confirm the sign-up of {obj}, having heard from them"
            buttons.append(button("confirm", "Confirm sign-up", "button-secondary", confirm))
        if permissions.user_can_invite(user, obj):
            invited = f"Record that {obj} was invited to an opportunity"
            buttons.append(button("invite", "Invite", "button-secondary", invited))
        if permissions.user_can_erase_obj(user, obj):
            buttons.append(button("erase", "Erase personal data", "no", f"Erase the personal data of {obj}"))
        return buttons


class MemberAdmin(ModelAdmin):
    """The involvement register: list, search, filter, export, edit, invite and erase."""

    model = Member
    menu_label = "Register members"
    menu_icon = "group"
    permission_helper_class = MemberPermissionHelper
    button_helper_class = MemberButtonHelper
    index_view_class = admin_views.MemberIndexView
    edit_view_class = admin_views.MemberEditView
    inspect_view_class = admin_views.MemberInspectView
    history_view_class = admin_views.AuditHistoryView
    inspect_view_enabled = True
    list_per_page = 50
    list_display = ("display_name", "contact", "topic_list", "joined_at", "last_activity_at")
    list_filter = ("topics", "methods", "audiences")
    search_fields = ("name", "email")
    list_export = (*[EXPORT_COLUMNS.get(field, field) for field in SIGN_UP_FIELDS], *RECORD_FIELDS)
    export_filename = "involvement-register"
    inspect_view_fields = [*SIGN_UP_FIELDS, *RECORD_FIELDS]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("preferred_contact"),
            ],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [
                *[FieldPanel(field, widget=forms.CheckboxSelectMultiple) for field in INTEREST_FIELDS],
                FieldPanel("access_needs"),
            ],
            heading="Interests and needs",
            help_text="Change these when the member asks. Saving counts as activity, so the member "
            "stays on the register for longer.",
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).active().prefetch_related("topics", "audiences", "methods")

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            re_path(
                self.url_helper.get_action_url_pattern("erase"),
                self.erase_view,
                name=self.url_helper.get_action_url_name("erase"),
            ),
            re_path(
                self.url_helper.get_action_url_pattern("confirm"),
                self.confirm_view,
                name=self.url_helper.get_action_url_name("confirm"),
            ),
            re_path(
                self.url_helper.get_action_url_pattern("invite"),
                self.invite_view,
                name=self.url_helper.get_action_url_name("invite"),
            ),
        )

    def erase_view(self, request, instance_pk):
        view = admin_views.EraseMemberView.as_view(model_admin=self, instance_pk=instance_pk)
        return view(request)

    def confirm_view(self, request, instance_pk):
        view = admin_views.ConfirmMemberView.as_view(model_admin=self, instance_pk=instance_pk)
        return view(request)

    def invite_view(self, request, instance_pk):
        view = admin_views.InviteMemberView.as_view(model_admin=self, instance_pk=instance_pk)
        return view(request)

    @staticmethod
    def _names(items):
        return ", ".join(item.name for item in items.all())

    def display_name(self, obj):
        return obj.name

    display_name.short_description = "Name"
    display_name.admin_order_field = "name"

    def contact(self, obj):
        return (
            f"{obj.get_preferred_contact_display()}: {obj.contact_summary}" if obj.preferred_contact else ""
        )

    contact.short_description = "Preferred contact"

    def contact_method(self, obj):
        return obj.get_preferred_contact_display()

    contact_method.short_description = "Preferred contact method"

    def topic_list(self, obj):
        return self._names(obj.topics)

    topic_list.short_description = "Topics"

    def audience_list(self, obj):
        return self._names(obj.audiences)

    audience_list.short_description = "Describes themselves as"

    def method_list(self, obj):
        return self._names(obj.methods)

    method_list.short_description = "Ways of taking part"


class InvitationAdmin(ModelAdmin):
    """Invitations recorded from the register or from an opportunity's matching members."""

    model = Invitation
    menu_label = "Invitations"
    menu_icon = "mail"
    permission_helper_class = InvitationPermissionHelper
    history_view_class = admin_views.AuditHistoryView
    list_display = ("member", "opportunity", "invited_at", "invited_by")
    list_filter = ("opportunity",)
    list_select_related = ("member", "opportunity", "invited_by")


class FeedbackAdmin(ModelAdmin):
    """'Share your experience' submissions: read what was said, set status and theme, add notes."""

    model = Feedback
    menu_label = "Feedback"
    menu_icon = "comment"
    permission_helper_class = FeedbackPermissionHelper
    edit_view_class = admin_views.FeedbackEditView
    history_view_class = admin_views.AuditHistoryView
    list_per_page = 50
    list_display = ("submitted_at", "kind", "service", "topic", "theme", "status", "contact_allowed")
    list_filter = ("status", "kind", "theme", "topic")
    search_fields = ("service", "experience")
    list_select_related = ("topic", "theme")
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("kind", read_only=True), FieldPanel("submitted_at", read_only=True)]
                ),
                FieldPanel("service", read_only=True),
                FieldPanel("topic", read_only=True),
                FieldPanel("experience", read_only=True),
            ],
            heading="What they told us",
        ),
        MultiFieldPanel(
            [
                FieldPanel("consent_to_contact", read_only=True),
                FieldPanel("name", read_only=True),
                FieldRowPanel([FieldPanel("email", read_only=True), FieldPanel("phone", read_only=True)]),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("theme"), FieldPanel("staff_notes")],
            heading="Triage",
        ),
    ]

    def contact_allowed(self, obj):
        return obj.consent_to_contact

    contact_allowed.short_description = "May contact"
    contact_allowed.boolean = True


class FeedbackThemeAdmin(ModelAdmin):
    """The themes feedback is sorted into."""

    model = FeedbackTheme
    menu_label = "Feedback themes"
    menu_icon = "tag"
    permission_helper_class = EngagementTeamPermissionHelper
    list_display = ("name", "description")
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


@modeladmin_register
class InvolvementGroup(ModelAdminGroup):
    menu_label = "Involvement"
    menu_icon = "group"
    menu_order = 250
    items = (MemberAdmin, InvitationAdmin, FeedbackAdmin, FeedbackThemeAdmin)


@hooks.register("register_admin_urls")
def register_matches_url():
    return [
        path(
            "involvement/opportunity/<int:page_id>/matches/",
            admin_views.opportunity_matches,
            name="involvement_opportunity_matches",
        ),
        path(
            "involvement/opportunity/<int:page_id>/invite/",
            invitation_views.compose_invitation,
            name="involvement_compose_invitation",
        ),
        path(
            "involvement/opportunity/<int:page_id>/letters/",
            invitation_views.letter_list,
            name="involvement_letter_list",
        ),
        path(
            "involvement/opportunity/<int:page_id>/calls/",
            invitation_views.call_list,
            name="involvement_call_list",
        ),
    ]


MatchingMembersButton = register_opportunity_button(
    label="Matching register members",
    icon_name="group",
    url_name="involvement_opportunity_matches",
    priority=80,
    shown_to=lambda user, page: has_involvement_perm(user, "view_member"),
)


@hooks.register("register_log_actions")
def register_involvement_log_actions(actions):
    actions.register_action("involvement.erase", "Erase personal data", "Personal data erased")
    actions.register_action("involvement.invite", "Record invitation", "Invitation recorded")
    actions.register_action("involvement.view", "View personal data", "Personal data viewed")
    actions.register_action("involvement.export", "Export the register", "Register exported")
    actions.register_action("involvement.list", "List the register", "Register listed")
    actions.register_action(
        "involvement.matches", "View matching register members", "Matching register members viewed"
    )
    actions.register_action("involvement.confirm", "Confirm sign-up", "Sign-up confirmed from its address")
    actions.register_action(
        "involvement.confirm_by_staff", "Confirm sign-up for the person", "Sign-up confirmed by staff"
    )
    actions.register_action(
        "involvement.confirm_change", "Confirm change", "Change confirmed from the member's address"
    )
    actions.register_action("involvement.pause", "Pause membership", "Membership paused by the member")
    actions.register_action("involvement.resume", "Resume membership", "Membership resumed by the member")
    actions.register_action("involvement.self_update", "Update own details", "Details updated by the member")
    actions.register_action("involvement.self_export", "Download own data", "Data downloaded by the member")
    actions.register_action(
        "involvement.subject_access",
        "Subject access export",
        "Personal data exported for a subject access request",
    )
