"""Seed the ways of taking part and the feedback themes; give the Engagement team the register.

Only the Engagement team (and superusers) may list, export, invite, erase and triage. The
group is created here if the workflows app's migration has not made it yet, so the order in
which the two run does not matter.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ENGAGEMENT_TEAM = "Engagement team"

METHODS = [
    ("online-surveys", "Online surveys"),
    ("meetings", "Meetings and events"),
    ("focus-groups", "Focus groups and workshops"),
    ("reading-documents", "Reading and commenting on documents"),
    ("reference-groups", "Reference groups and panels"),
]

THEMES = [
    ("access", "Access to services", "Getting to, into or referred to a service."),
    ("appointments", "Appointments and booking", "Making, changing or cancelling appointments."),
    ("communication", "Communication and information", "Letters, leaflets, explanations, being kept informed."),
    ("waiting-times", "Waiting times", "Waiting for an appointment, a referral, treatment or on the day."),
    ("staff-attitude", "Staff attitude and care", "Kindness, respect, dignity and listening."),
    ("environment", "Environment and facilities", "Buildings, cleanliness, parking and signage."),
    ("medicines", "Medicines and prescriptions", "Prescribing, repeat prescriptions and pharmacies."),
    ("transport", "Transport and travel", "Patient transport and getting to appointments."),
    ("discharge", "Discharge and joined-up care", "Leaving hospital and care passed between services."),
    ("other", "Other", "Anything that fits no other theme."),
]

# (app label, codename) granted to the Engagement team.
TEAM_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("involvement", "view_member"),
    ("involvement", "change_member"),
    ("involvement", "erase_member"),
    ("involvement", "view_invitation"),
    ("involvement", "add_invitation"),
    ("involvement", "delete_invitation"),
    ("involvement", "view_feedback"),
    ("involvement", "change_feedback"),
    ("involvement", "delete_feedback"),
    ("involvement", "view_feedbacktheme"),
    ("involvement", "add_feedbacktheme"),
    ("involvement", "change_feedbacktheme"),
]


def seed(apps, schema_editor):
    ParticipationMethod = apps.get_model("involvement", "ParticipationMethod")
    FeedbackTheme = apps.get_model("involvement", "FeedbackTheme")
    for order, (slug, name) in enumerate(METHODS):
        ParticipationMethod.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for slug, name, description in THEMES:
        FeedbackTheme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    team, _ = Group.objects.get_or_create(name=ENGAGEMENT_TEAM)
    for app_label, codename in TEAM_PERMISSIONS:
        team.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    team = Group.objects.filter(name=ENGAGEMENT_TEAM).first()
    if team:
        team.permissions.remove(*Permission.objects.filter(content_type__app_label="involvement"))


class Migration(migrations.Migration):
    dependencies = [
        ("involvement", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
