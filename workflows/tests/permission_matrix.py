"""The permission matrix's shared parts: the roles, the world each case acts in, and the checks.

Who can do what is tested role by role against every sensitive action, through the admin's real
addresses, in the workflows/tests/test_permissions_*.py modules: pages and sign-off, personal data,
reports and administration, and event bookings. Each module holds a `Matrix`: the rows that are
the reference for the site's permissions (an action and the roles that may take it; every other
role must be refused) and a check for each row. A check signs in as one role (or none), uses the
addresses a browser would, and looks at both the answer (the page, a redirect to log in, a
refusal) and the effect (whether the page went live, the stage was decided, the member was
erased...), so a refusal that still did the thing fails.
"""

from django.urls import reverse
from wagtail.models import (
    Page,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core import roles
from pages.models import StandardPage
from pages.tests.factories import StandardPageFactory
from workflows.tests.helpers import current_stage, draft_plan

# The roles -------------------------------------------------------------------------------------

ANONYMOUS = "anonymous visitor"
SUPERUSER = "superuser"
EDITORS = roles.EDITORS
ENGAGEMENT = roles.ENGAGEMENT_TEAM
EQUALITY = roles.EQUALITY_LEAD
CLINICAL = roles.CLINICAL_LEADS
LAY = roles.LAY_MEMBERS
GOVERNING = roles.GOVERNING_BODY

ROLES = [ANONYMOUS, EDITORS, ENGAGEMENT, EQUALITY, CLINICAL, LAY, GOVERNING, SUPERUSER]
APPROVERS = {ENGAGEMENT, EQUALITY, CLINICAL, LAY, GOVERNING}
PAGE_WRITERS = {EDITORS, ENGAGEMENT}
STAGE_GROUPS = [group for _model, _name, group in roles.SIGNOFF_STAGES]
STAGE_NAMES = [name for _model, name, _group in roles.SIGNOFF_STAGES]

MARKER = "Quillfeatherstone"  # a word that appears only in the record each action is about


class Matrix:
    """One table of the matrix: {action: roles allowed}, and the check that tries each action."""

    def __init__(self, allowed, roles=ROLES):
        self.allowed = allowed
        self.roles = list(roles)
        self.checks = {}

    def action(self, name):
        """Register the check for the row `name`: check(client, *scene, role, allowed)."""

        def register(function):
            assert name in self.allowed, name
            self.checks[name] = function
            return function

        return register

    def cases(self):
        return [(name, role) for name in self.allowed for role in self.roles]

    def assert_complete(self):
        assert set(self.checks) == set(self.allowed)
        for name, allowed in self.allowed.items():
            assert allowed <= set(self.roles), name

    def run(self, client, world, name, role, scene=None):
        """Sign in as `role` and try `name` in `scene` (the world itself unless given)."""
        sign_in(client, world, role)
        self.checks[name](client, *(scene or (world,)), role, role in self.allowed[name])


# Fixtures and helpers ------------------------------------------------------------------------


class World:
    """The people and the things each action needs, made only when an action asks for them."""

    def __init__(self, users, index, home):
        self.by_role = {
            EDITORS: users["editor"],
            ENGAGEMENT: users["engagement"],
            EQUALITY: users["equality"],
            CLINICAL: users["clinical"],
            LAY: users["lay"],
            GOVERNING: users["governing"],
            SUPERUSER: users["admin"],
        }
        self.editor = users["editor"]
        self.admin = users["admin"]
        self.index = index
        self.home = home

    def draft(self, title=f"Draft about the {MARKER} clinic", slug="draft-page"):
        page = StandardPageFactory(parent=self.home, title=title, slug=slug, live=False, owner=self.editor)
        page.save_revision(user=self.editor, log_action=True)
        return StandardPage.objects.get(pk=page.pk)

    def live_page(self, slug="live-page"):
        page = StandardPageFactory(parent=self.home, title=f"The {MARKER} page", slug=slug)
        page.save_revision(user=self.editor).publish(user=self.admin)
        return StandardPage.objects.get(pk=page.pk)

    def plan_at(self, stage):
        """A category C plan submitted for sign-off and approved up to (not including) `stage`,
        each earlier stage by its own approver."""
        page = draft_plan(self.index, self.editor, title=f"The {MARKER} plan")
        page.get_workflow().start(page, self.editor)
        for group in STAGE_GROUPS[:stage]:
            page.refresh_from_db()
            state = page.current_workflow_task_state
            approver = self.by_role[group]
            state.task.specific.on_action(state, approver, "approve", comment="Earlier stage agreed.")
        assert current_stage(page) == STAGE_NAMES[stage]
        page.refresh_from_db()
        return page


def sign_in(client, world, role):
    if role != ANONYMOUS:
        client.force_login(world.by_role[role])


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_shown_or_refused(responses, role, allowed):
    """Allowed: each page opens and shows the marked object. Otherwise: each is refused."""
    for response in responses:
        if allowed:
            assert response.status_code == 200
            assert MARKER in body(response)
        else:
            assert_refused(response, role)


def assert_refused(response, role):
    """Sent to log in when anonymous; otherwise a 403, or Wagtail's redirect to the dashboard."""
    if role == ANONYMOUS:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/admin/login/"), response["Location"]
        return
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    assert MARKER not in body(response)


def standard_page_data(page, **changes):
    """The editor's form for a standard page, as the browser posts it."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    values.update(changes)
    return nested_form_data(values)


def latest_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision().as_object().title


def is_live(page):
    return Page.objects.filter(pk=page.pk, live=True).exists()
