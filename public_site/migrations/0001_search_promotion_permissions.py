"""The Engagement team manages promoted search results (Settings → Promoted search results).

Promotions show on the public search page at once, without a workflow, so they belong to the
team that does editorial review, not to Editors.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ENGAGEMENT_TEAM = "Engagement team"
CODENAMES = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=ENGAGEMENT_TEAM).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=ENGAGEMENT_TEAM).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0002_roles_and_workflows"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
