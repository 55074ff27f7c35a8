"""Development accounts for the demo site, and the one password they share."""

import os
import secrets
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from core import roles

PASSWORD_ENV = "DEMO_PASSWORD"


class DemoUser(NamedTuple):
    """A development account and the groups (roles) it is in."""

    username: str
    groups: list
    is_superuser: bool = False


# The superuser and one account per role, so a newcomer can walk a plan through every sign-off
# stage. The groups are made by a data migration.
DEMO_USERS = [
    DemoUser("admin", [], is_superuser=True),
    DemoUser("editor", [roles.EDITORS]),
    DemoUser("engagement", [roles.ENGAGEMENT_TEAM]),
    DemoUser("equality", [roles.EQUALITY_LEAD]),
    DemoUser("clinical", [roles.CLINICAL_LEADS]),
    DemoUser("lay", [roles.LAY_MEMBERS]),
    DemoUser("governing-body", [roles.GOVERNING_BODY]),
]


def users_allowed():
    """Demo accounts exist only where settings say so (dev and test), never in production."""
    return settings.DEMO_USERS_ALLOWED is True


def password_file():
    """Where a generated password is kept between runs: `.demo-password`, git-ignored."""
    return Path(settings.DEMO_PASSWORD_FILE)


def demo_password():
    """DEMO_PASSWORD if set; otherwise the saved password, generated and saved on first use."""
    if password := os.environ.get(PASSWORD_ENV):
        return password
    path = password_file()
    if path.exists() and (saved := path.read_text().strip()):
        return saved
    password = secrets.token_urlsafe(12)
    # Readable by its owner only: it opens an administrator account.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(password + "\n")
    return password


def ensure_demo_users(password=None, stdout=None):
    """Create or update the demo accounts so each one logs in with `password`; return it.

    Without a password, `demo_password()` decides it. Callers check `users_allowed()` first.
    Existing accounts keep their other details; only their flags, groups and password are set.
    """
    password = password or demo_password()
    User = get_user_model()
    for username, group_names, is_superuser in DEMO_USERS:
        groups = list(Group.objects.filter(name__in=group_names))
        if missing := set(group_names) - {group.name for group in groups}:
            raise CommandError(
                f"Missing groups for demo user {username}: {', '.join(sorted(missing))}. Run migrate."
            )
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        changed = created
        for attr, value in {"is_active": True, "is_staff": True, "is_superuser": is_superuser}.items():
            if getattr(user, attr) != value:
                setattr(user, attr, value)
                changed = True
        if created or not user.check_password(password):
            user.set_password(password)
            changed = True
        if changed:
            user.save()
        user.groups.set(groups)
        if stdout is not None and changed:
            stdout.write(f"  {'created' if created else 'updated':<9} user '{username}'")
    return password
