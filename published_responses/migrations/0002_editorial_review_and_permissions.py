"""Published responses go through Editorial review, and the Engagement team prepares them.

The Engagement team may add, change and view a publication (and lock it while they work); nobody
is given its publish permission: a version goes live only when the Editorial review approves it
(published_responses/approval.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core import roles

CODENAMES = ["add_responsepublication", "change_responsepublication", "view_responsepublication"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("published_responses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="published_responses", model="responsepublication"
    )
    team = Group.objects.filter(name=roles.ENGAGEMENT_TEAM).first()
    if team is not None:
        for codename in [*CODENAMES, "lock_responsepublication"]:
            permission = Permission.objects.filter(content_type=content_type, codename=codename).first()
            if permission is not None:
                team.permissions.add(permission)
    editorial = Workflow.objects.filter(name=roles.EDITORIAL_REVIEW).first()
    if editorial is not None:
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": editorial})


class Migration(migrations.Migration):
    dependencies = [
        ("published_responses", "0001_initial"),
        ("workflows", "0005_editorial_review_and_restarts"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
