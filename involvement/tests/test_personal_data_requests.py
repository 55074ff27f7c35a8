"""Subject access requests and erasure by email address, through the two management commands."""

import io
import json
import os
import stat

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import models
from wagtail.models import ModelLogEntry

from involvement.models import EQUALITY_FIELDS, Feedback, Invitation, Member, ParticipationMethod
from involvement.personal_data import ERASED_TEXT
from involvement.tests.factories import FeedbackFactory, MemberFactory
from pages.tests.factories import AudienceFactory, OpportunityPageFactory, TopicFactory

PERSON = {
    "name": "Ottoline Quibbleworth",
    "email": "O.Quibbleworth@Example.org",
    "phone": "01632 960 777",
    "address": "7 Lantern Yard\nSutton-in-Ashfield",
    "postcode": "NG174QQ",
    "preferred_contact": "phone",
    "access_needs": "Needs a hearing loop in the room",
    "age_band": "55_64",
    "gender": "woman",
    "ethnicity": "mixed",
    "disability": "yes",
    "sexual_orientation": "gay_lesbian",
    "religion": "sikh",
    "carer": "yes",
    "consent_version": "Privacy notice (revision 41, published 02 March 2025)",
    "consent_revision_id": 41,
}
SOMEONE_ELSE = {
    "name": "Barnaby Thistlewaite",
    "email": "barnaby.t@example.net",
    "phone": "07700 900 123",
    "address": "99 Cobbler Lane\nWorksop",
    "postcode": "S802ZZ",
    "preferred_contact": "email",
    "access_needs": "Prefers braille letters",
    "age_band": "18_24",
    "gender": "non_binary",
    "ethnicity": "asian",
    "disability": "no",
    "sexual_orientation": "bisexual",
    "religion": "buddhist",
    "carer": "no",
    "consent_version": "Privacy notice (revision 7, published 01 January 2024)",
    "consent_revision_id": 7,
}
# Strings that belong only to the other person, none of which may appear in the export.
OTHERS_VALUES = [
    "Barnaby",
    "Thistlewaite",
    "barnaby.t@example.net",
    "07700 900 123",
    "Cobbler Lane",
    "S802ZZ",
    "braille",
    "revision 7,",
    "Podiatry",
    "Young carers",
    "Foot clinic review",
    "Barnaby's feedback",
    "engagement",  # the member of staff who recorded the invitations
]


def export(email, *extra):
    out = io.StringIO()
    call_command("export_personal_data", email, *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def people(opportunity_index, topics, engagement_user):
    methods = list(ParticipationMethod.objects.order_by("pk"))
    mine = MemberFactory(
        **PERSON,
        topics=[topics[1]],
        audiences=[AudienceFactory(name="Parents of young children")],
        methods=methods[:1],
    )
    theirs = MemberFactory(
        **SOMEONE_ELSE,
        topics=[TopicFactory(name="Podiatry")],
        audiences=[AudienceFactory(name="Young carers")],
        methods=methods[1:2],
    )
    Invitation.record(
        mine, OpportunityPageFactory(parent=opportunity_index, title="Maternity voices"), user=engagement_user
    )
    Invitation.record(
        theirs,
        OpportunityPageFactory(parent=opportunity_index, title="Foot clinic review"),
        user=engagement_user,
    )
    feedback = FeedbackFactory(
        experience="Ottoline here: the Quibbleworth family waited four hours.",
        name="Ottoline Q",
        email="o.quibbleworth@example.org",
        phone="01632960777",
        consent_to_contact=True,
        staff_notes="Rang Ottoline back on 01632 960 777.",
    )
    FeedbackFactory(experience="Barnaby's feedback about the clinic.", email="barnaby.t@example.net")
    return mine, theirs, feedback


@pytest.mark.django_db
def test_export_holds_every_personal_field_of_the_person_and_nothing_of_anyone_else(people):
    mine, _theirs, feedback = people
    text = export("  o.QUIBBLEWORTH@example.ORG ")
    data = json.loads(text)

    [record] = data["register_members"]
    assert record["reference"] == f"Member {mine.pk}"
    for field in ["name", "email", "phone", "address", "postcode", "access_needs"]:
        assert record[field] == PERSON[field], field
    assert record["preferred_contact"] == {"value": "phone", "label": "Phone call"}
    for field in EQUALITY_FIELDS:
        assert record["equality_monitoring"][field]["answer"]["value"] == PERSON[field], field
    assert record["consent"]["privacy_notice"] == PERSON["consent_version"]
    assert record["consent"]["privacy_notice_revision"] == 41
    assert record["consent"]["agreed_at"] and record["joined_at"] and record["last_activity_at"]
    assert record["topics"] == ["Maternity"]
    assert record["describes_themselves_as"] == ["Parents of young children"]
    assert record["ways_of_taking_part"] == [ParticipationMethod.objects.order_by("pk").first().name]
    [invitation] = record["invitations"]
    assert invitation["opportunity"] == "Maternity voices" and invitation["invited_at"]
    assert "involvement.invite" in [entry["action"] for entry in record["history"]]

    [sent] = data["feedback"]
    assert sent["experience"] == feedback.experience
    assert (sent["name"], sent["email"], sent["phone"]) == ("Ottoline Q", feedback.email, "01632960777")
    assert sent["staff_notes"] == feedback.staff_notes
    assert data["user_accounts"] == []

    for value in OTHERS_VALUES:
        assert value not in text, value


@pytest.mark.django_db
def test_export_lists_a_staff_account_without_its_password(django_user_model):
    user = django_user_model.objects.create_user(
        "pat", "Pat.Staff@example.org", "secret-pw", first_name="Pat", last_name="Staff"
    )
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    django_user_model.objects.create_user("other", "other@example.org", "pw")
    data = json.loads(export("pat.staff@EXAMPLE.org"))
    [account] = data["user_accounts"]
    assert account["username"] == "pat" and account["groups"] == ["Editors"]
    assert (account["first_name"], account["last_name"], account["last_login"]) == ("Pat", "Staff", None)
    text = json.dumps(data)
    assert "password" not in text and user.password not in text and "other@example.org" not in text


@pytest.mark.django_db
def test_export_to_a_file_only_its_owner_can_read_and_is_in_the_audit_log(people, tmp_path):
    mine, _theirs, feedback = people
    target = tmp_path / "sar.json"
    assert export(PERSON["email"], "--output", str(target)) == ""
    assert json.loads(target.read_text())["register_members"][0]["name"] == PERSON["name"]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    entries = ModelLogEntry.objects.filter(action="involvement.subject_access")
    assert {entry.label for entry in entries} == {str(mine), str(feedback)}
    assert all("quibble" not in (entry.label + json.dumps(entry.data)).lower() for entry in entries)


@pytest.mark.django_db
def test_an_address_nobody_used_exports_nothing(people):
    data = json.loads(export("nobody@example.org"))
    assert data["register_members"] == data["feedback"] == data["user_accounts"] == []


def text_values_containing(needles):
    """(model, field, value) for every text or JSON value in the database containing a needle."""
    needles = [needle.casefold() for needle in needles]
    found = []
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                text = (value if isinstance(value, str) else json.dumps(value, default=str)).casefold()
                if any(needle in text for needle in needles):
                    found.append((model._meta.label, name, value))
    return found


@pytest.mark.django_db
def test_after_erasure_no_trace_of_the_person_is_left_anywhere_in_the_database(
    client, people, engagement_user, home
):
    mine, theirs, feedback = people
    traces = ["Quibbleworth", "Ottoline", "01632 960 777", "01632960777", "Lantern Yard", "NG174QQ"]
    # Staff opened the member and the feedback, which is recorded, and a page has revisions.
    client.force_login(engagement_user)
    assert client.get(f"/admin/involvement/member/inspect/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/involvement/feedback/edit/{feedback.pk}/").status_code == 200
    home.save_revision(user=engagement_user)
    export(PERSON["email"])
    assert text_values_containing(traces), "the search finds nothing even before erasure"

    out = io.StringIO()
    call_command("erase_personal_data", "o.quibbleworth@EXAMPLE.org", "--yes", stdout=out)
    assert "Erased 1 register member(s) and 1 feedback item(s)." in out.getvalue()

    assert text_values_containing(traces) == []
    # The rows stay for the counts, without personal data.
    mine.refresh_from_db()
    assert mine.is_erased and mine.topics.count() == 1 and mine.invitations.count() == 1
    assert mine.consent_version == "" and mine.consented_at is None
    feedback.refresh_from_db()
    assert (feedback.kind, feedback.service, feedback.experience) == (
        "comment",
        feedback.service,
        ERASED_TEXT,
    )
    assert not feedback.consent_to_contact and feedback.staff_notes == ""
    # The erasure is recorded by reference only.
    erased = ModelLogEntry.objects.filter(action="involvement.erase")
    assert {entry.label for entry in erased} == {f"Member {mine.pk}", f"Comment {feedback.pk}"}
    # Nobody else is touched.
    theirs.refresh_from_db()
    assert theirs.name == SOMEONE_ELSE["name"] and not theirs.is_erased
    assert Feedback.objects.filter(email="barnaby.t@example.net").exists()


@pytest.mark.django_db
def test_a_dry_run_or_an_unconfirmed_erasure_changes_nothing(people):
    mine, _theirs, feedback = people
    out = io.StringIO()
    call_command("erase_personal_data", PERSON["email"], "--dry-run", stdout=out)
    assert f"Member {mine.pk}" in out.getvalue() and "Dry run" in out.getvalue()
    with pytest.raises(CommandError, match="--yes"):
        call_command("erase_personal_data", PERSON["email"], stdout=io.StringIO())
    assert Member.objects.get(pk=mine.pk).name == PERSON["name"]
    assert Feedback.objects.get(pk=feedback.pk).experience != ERASED_TEXT
    assert not ModelLogEntry.objects.filter(action="involvement.erase").exists()
