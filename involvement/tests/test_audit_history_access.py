"""Who may open the audit history of a register member or a feedback item: it names the staff who
looked at the person's data, so only those who may see the data (the Engagement team, superusers).

Written as the permission matrix (workflows/tests/test_permission_matrix.py) is: every role, the
answer (the history, a redirect to log in, a refusal) and no effect (nothing shown, nothing logged).
To be folded into that matrix.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from involvement.tests.factories import FeedbackFactory, MemberFactory
from workflows import roles
from workflows.tests.conftest import users  # noqa: F401

ANONYMOUS = "anonymous visitor"
SUPERUSER = "superuser"
ROLES = [
    ANONYMOUS,
    roles.EDITORS,
    roles.ENGAGEMENT_TEAM,
    roles.EQUALITY_LEAD,
    roles.CLINICAL_LEADS,
    roles.LAY_MEMBERS,
    roles.GOVERNING_BODY,
    SUPERUSER,
]
ALLOWED = {roles.ENGAGEMENT_TEAM, SUPERUSER}
USERNAMES = {
    roles.EDITORS: "editor",
    roles.ENGAGEMENT_TEAM: "engagement",
    roles.EQUALITY_LEAD: "equality",
    roles.CLINICAL_LEADS: "clinical",
    roles.LAY_MEMBERS: "lay",
    roles.GOVERNING_BODY: "governing",
    SUPERUSER: "admin",
}
MARKER = "Quillfeatherstone"  # the name of the member of staff the history shows


def records():
    """A member and a feedback item, each opened once by a member of staff named MARKER."""
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", first_name=MARKER)
    member = MemberFactory()
    item = FeedbackFactory()
    for record in (member, item):
        log(record, "involvement.view", user=viewer)
    return {
        f"/admin/involvement/member/history/{member.pk}/": member,
        f"/admin/involvement/feedback/history/{item.pk}/": item,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_may_see_the_data_see_its_history(client, users, role):  # noqa: F811
    urls = records()
    if role != ANONYMOUS:
        client.force_login(users[USERNAMES[role]])
    entries = ModelLogEntry.objects.count()
    for url in urls:
        response = client.get(url)
        content = response.content.decode()
        if role in ALLOWED:
            assert response.status_code == 200, url
            assert MARKER in content and "Personal data viewed" in content
        elif role == ANONYMOUS:
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        else:
            assert response.status_code in (302, 403), (role, url, response.status_code)
            if response.status_code == 302:
                assert response["Location"] == "/admin/"
            assert MARKER not in content
    # Opening (or being refused) the history records nothing and changes nothing.
    assert ModelLogEntry.objects.count() == entries
