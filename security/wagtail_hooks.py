"""Settings → Sign-in lockouts: superusers see locked and failing sign-ins and unlock them."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy


class SuperuserUnlockPolicy(BasePermissionPolicy):
    """Only active superusers, and only to list and delete (unlock); nobody adds or edits attempts."""

    ALLOWED = {"delete"}

    def user_has_permission(self, user, action):
        return action in self.ALLOWED and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.ALLOWED & set(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(AccessAttempt, SuperuserUnlockPolicy(AccessAttempt), exact_class=True)


class LockedColumn(Column):
    """'Locked' when the attempts have reached the limit, otherwise how many failed."""

    def get_value(self, instance):
        if instance.failures_since_start >= settings.AXES_FAILURE_LIMIT:
            return "Locked"
        return f"{instance.failures_since_start} failed"


class SignInLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lockouts"
    add_to_settings_menu = True
    url_prefix = "sign-in-lockouts"
    name = "sign_in_lockouts"
    add_to_reference_index = False
    copy_view_enabled = False
    exclude_form_fields = ["get_data", "post_data"]
    list_display = [
        # A field name first: Wagtail puts each row's buttons (Delete, i.e. unlock) in that column.
        "username",
        Column("ip_address", label="Address"),
        LockedColumn("status", label="Status"),
        DateColumn("attempt_time", label="Last failed attempt"),
    ]

    def get_permissions_to_register(self):
        # Nothing to grant to groups: unlocking is for superusers only.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return SignInLockoutViewSet()
