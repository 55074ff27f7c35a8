"""The personal-field lists (involvement/personal_fields.py) name real fields, and the admin's edit
forms, laid out by hand, show every field the lists say a person gives."""

from involvement.models import Feedback, Member
from involvement.personal_fields import (
    FEEDBACK_CONTACT_FIELDS,
    IDENTITY_FIELDS,
    PERSONAL_FIELDS,
    SIGN_UP_FIELDS,
)
from involvement.wagtail_hooks import FeedbackAdmin, MemberAdmin


def field_names(panels):
    names = []
    for panel in panels:
        names += field_names(panel.children) if hasattr(panel, "children") else [panel.field_name]
    return names


def test_the_lists_name_fields_of_the_models():
    member_fields = {field.name for field in Member._meta.get_fields()}
    assert set(PERSONAL_FIELDS + SIGN_UP_FIELDS + IDENTITY_FIELDS) <= member_fields
    assert set(FEEDBACK_CONTACT_FIELDS) <= {field.name for field in Feedback._meta.get_fields()}


def test_the_register_admin_edits_every_sign_up_field():
    assert sorted(field_names(MemberAdmin.panels)) == sorted(SIGN_UP_FIELDS)


def test_the_feedback_admin_shows_who_sent_it():
    [contact] = [panel for panel in FeedbackAdmin.panels if panel.heading == "Contact"]
    assert set(FEEDBACK_CONTACT_FIELDS) <= set(field_names(contact.children))
