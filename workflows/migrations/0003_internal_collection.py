"""A document collection for plan documents that only signed-in staff may open."""

from django.db import migrations

from core import roles

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet, 4 characters a step


def _step(number):
    digits = ""
    for _ in range(4):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def create_internal_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    Restriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    if Collection.objects.filter(name=roles.INTERNAL_COLLECTION).exists():
        return
    root = Collection.objects.get(depth=1)
    last = Collection.objects.filter(depth=2).order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    internal = Collection.objects.create(
        name=roles.INTERNAL_COLLECTION, path=root.path + _step(number), depth=2, numchild=0
    )
    root.numchild = Collection.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Restriction.objects.create(collection=internal, restriction_type="login")


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0002_roles_and_workflows"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_internal_collection, migrations.RunPython.noop)]
