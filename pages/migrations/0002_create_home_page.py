"""Replace Wagtail's placeholder welcome page with the engagement hub's home page."""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="pages")
    root = Page.objects.get(depth=1)
    locale = Locale.objects.first()
    path = root.path + f"{root.numchild + 1:04d}"
    home = HomePage.objects.create(
        title="Have your say",
        draft_title="Have your say",
        slug="home",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro="Find out how to take part in decisions about local NHS services, "
        "and what has changed because people spoke up.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.id, "site_name": ""},
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("pages.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
