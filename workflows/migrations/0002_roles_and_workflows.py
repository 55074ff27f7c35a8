"""Create the roles, their permissions, and the two workflows.

Editors and the Engagement team may add and edit pages, images, documents and
vocabularies but never publish; approvers only reach the admin and their stage.
The "Editorial review" workflow replaces Wagtail's default at the root, so every
page needs the Engagement team's approval; the demo content assigns
"Consultation sign-off" to /get-involved/.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core import roles

DRAFTING_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
SNIPPET_PERMISSIONS = [
    ("pages", codename) for codename in ("add_topic", "change_topic", "add_audience", "change_audience")
]


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    access_admin = perm("wagtailadmin", "access_admin")
    view_log = perm("workflows", "view_signoff_log")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    groups = {}
    for name in roles.ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group

    for name in roles.DRAFTING_ROLES:
        group = groups[name]
        # Whatever Wagtail's defaults gave this group, it must never publish or unpublish.
        GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").delete()
        for codename in DRAFTING_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=perm("wagtailcore", codename)
            )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm(app_label, codename)
            )
        for app_label, codename in SNIPPET_PERMISSIONS:
            group.permissions.add(perm(app_label, codename))

    for name in roles.APPROVER_ROLES:
        groups[name].permissions.add(view_log)

    signoff, _ = Workflow.objects.get_or_create(name=roles.CONSULTATION_SIGNOFF, defaults={"active": True})
    if not signoff.workflow_tasks.exists():
        for order, (model, task_name, group_name) in enumerate(roles.SIGNOFF_STAGES):
            TaskModel = apps.get_model("workflows", model)
            content_type, _ = ContentType.objects.get_or_create(app_label="workflows", model=model)
            task = TaskModel.objects.create(name=task_name, content_type=content_type, active=True)
            task.groups.set([groups[group_name]])
            WorkflowTask.objects.create(workflow=signoff, task=task, sort_order=order)

    editorial, _ = Workflow.objects.get_or_create(name=roles.EDITORIAL_REVIEW, defaults={"active": True})
    if not editorial.workflow_tasks.exists():
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(
            name=roles.EDITORIAL_TASK, content_type=content_type, active=True
        )
        task.groups.set([groups[roles.ENGAGEMENT_TEAM]])
        WorkflowTask.objects.create(workflow=editorial, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": editorial})


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("pages", "0003_consultation_plan"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        # The migrations that add the choose_image and choose_document permissions.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
