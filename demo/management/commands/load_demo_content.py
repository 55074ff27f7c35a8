"""`manage.py load_demo_content`: the demo site, its organisation settings and a development admin."""

from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo import (
    alerts,
    analysis,
    content,
    events,
    involvement,
    published_responses,
    questionnaires,
    reach,
    reporting,
    signoff_history,
)
from demo.users import DEMO_USERS, ensure_demo_users, users_allowed
from pages.models import HomePage

# The other apps' demo content, loaded in this order between the pages app's two steps: each
# step is build(home, stdout). The pages app's content comes first because these link to it.
APP_STEPS = [
    ("workflows", signoff_history.build),
    ("involvement", involvement.build),
    ("alerts", alerts.build),
    ("questionnaires", questionnaires.build),
    ("published_responses", published_responses.build),
    ("reach", reach.build),
    ("analysis", analysis.build),
    ("events", events.build),
    ("reporting", reporting.build),
]


@contextmanager
def quiet_email():
    """The demo accounts' own sign-off sends no notifications: nobody is waiting to read them."""
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = backend


class Command(BaseCommand):
    """Load the demo content, or bring it up to date; safe to run as often as you like.

    What it builds: topics and audiences; the organisation settings of the default site; and,
    under the existing home page, /get-involved/ with opportunities of every type and status,
    /you-said-we-did/ with its items, /engagement-strategy/ with its action plan, and /about/
    with the accessibility statement and privacy notice. Then each app in APP_STEPS adds its own
    pages and data. Then /about/how-to-get-involved/ and the home page, which link to what those
    apps added. The words and rows are the data files in demo/data/ (its README describes them).
    Where settings.DEMO_USERS_ALLOWED is True, the development superuser `admin` and one account
    per role are made before the apps' data, and their shared password is printed at the end.

    Running it again: pages are found by slug under their parent. Each is compared with the demo
    data and, only if something differs, a new revision is saved and published, so a second run
    on the same day changes nothing. Dates in the demo are relative to today, so on a later day
    the opportunities (and anything else dated) get a new revision that moves their dates on,
    and their public statuses stay as intended: upcoming, open, closed, outcome published.
    A page whose latest revision was made by a person in the admin, or which someone
    unpublished, is left as it is (reported as "kept"); --force overwrites it. Pages that the
    demo data no longer lists are never deleted. The organisation settings follow the same rule
    as pages; topics and audiences are created when missing and otherwise left alone.

    The admin password is DEMO_PASSWORD from the environment if set; otherwise one generated on
    the first run and kept in `.demo-password` at the project root (git-ignored).
    """

    help = "Load or refresh the demo content and the development admin account."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also overwrite demo pages that someone has changed in the admin since the last load.",
        )

    def handle(self, *args, force=False, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no home page: run `manage.py migrate` first.")

        with transaction.atomic(), quiet_email():
            # Accounts come first: the demo opportunities go live through sign-off by them.
            password = ensure_demo_users(None, self.stdout) if users_allowed() else None
            self.stdout.write("Loading the demo content…")
            content.build(home, self.stdout, today=timezone.localdate(), force=force)
            for label, build in APP_STEPS:
                self.stdout.write(f"Loading the demo content of {label}…")
                build(home, self.stdout)
            content.finish(home, self.stdout, force=force)

        self.stdout.write(self.style.SUCCESS("The demo content is loaded and up to date."))
        if password is None:
            self.stdout.write(
                self.style.WARNING(
                    "No demo users were created: settings.DEMO_USERS_ALLOWED is not True in these "
                    "settings (it never is in production). Use `manage.py createsuperuser` instead."
                )
            )
        else:
            admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
            usernames = ", ".join(user.username for user in DEMO_USERS)
            self.stdout.write(f"Log in at {admin_url} as any of: {usernames}")
            self.stdout.write(f"Password for all of them: {password}")
