"""Who may see the register and the feedback: the Engagement team and superusers, nobody else.

A model permission alone is not enough: someone must also be in the Engagement team group, so
granting a permission to another group by mistake does not open up personal data.
"""

from django.conf import settings
from wagtail_modeladmin.helpers import PermissionHelper


def staff_group_name():
    return settings.INVOLVEMENT_STAFF_GROUP


def in_engagement_team(user):
    """True for active superusers and active members of the Engagement team group."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_involvement_team"):
        user._involvement_team = user.groups.filter(name=staff_group_name()).exists()
    return user._involvement_team


def has_involvement_perm(user, codename):
    """The Engagement team's check for one permission of this app, e.g. 'erase_member'."""
    return in_engagement_team(user) and user.has_perm(f"involvement.{codename}")


class EngagementTeamPermissionHelper(PermissionHelper):
    """modeladmin permissions that also require membership of the Engagement team."""

    def user_has_specific_permission(self, user, perm_codename):
        return in_engagement_team(user) and super().user_has_specific_permission(user, perm_codename)

    def user_can_view_history(self, user, obj):
        """The audit history of a record says who looked at whose data: for those who may see the record."""
        return any(
            self.user_has_specific_permission(user, self.get_perm_codename(action))
            for action in ("view", "change")
        )


class MemberPermissionHelper(EngagementTeamPermissionHelper):
    """Members join through the public form and leave by erasure, never by adding or deleting here."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_edit_obj(self, user, obj):
        return not obj.is_erased and super().user_can_edit_obj(user, obj)

    def user_can_inspect_obj(self, user, obj):
        return self.user_has_specific_permission(user, "view_member")

    def user_can_erase_obj(self, user, obj):
        return not obj.is_erased and self.user_has_specific_permission(user, "erase_member")

    def user_can_confirm(self, user, obj):
        """Staff confirm only sign-ups still waiting, having heard from the person themselves."""
        return not obj.is_erased and obj.confirmed_at is None and self.user_can_edit_obj(user, obj)

    def user_can_invite(self, user, obj=None):
        return (obj is None or not obj.is_erased) and has_involvement_perm(user, "add_invitation")


class FeedbackPermissionHelper(EngagementTeamPermissionHelper):
    """Feedback arrives only through the public form; staff triage and may delete spam."""

    def user_can_create(self, user):
        return False


class InvitationPermissionHelper(EngagementTeamPermissionHelper):
    """Invitations are recorded from the register or an opportunity's matching members."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False
