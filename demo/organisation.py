"""The demo organisation: the contact details every demo text may use, and its site settings."""

from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import Site

from demo.datafiles import fill, links, read_toml
from demo.sync import apply_fields
from pages.models import OrganisationSettings

FILE = "organisation.toml"


def contacts():
    """The placeholders of every demo text: contact details, the address on one line, the teams."""
    data = read_toml(FILE)
    own = {"domain": data["contacts"]["domain"]}
    details = fill(data["contacts"], own, FILE)
    return {
        **details,
        "address_line": ", ".join(details["address"].splitlines()),
        "teams": fill(data["teams"], own, FILE),
    }


def ensure_settings(pages, stdout=None, force=False):
    """Fill in OrganisationSettings for the default site; `pages` maps slugs to footer targets.

    As with pages, settings that someone has saved in the admin since (the latest entry in
    their history has a user) are kept as they are unless `force` is true.
    """
    site = Site.objects.get(is_default_site=True)
    settings = OrganisationSettings.for_site(site)
    latest = log_registry.get_logs_for_instance(settings).order_by("-timestamp", "-pk").first()
    if not force and latest is not None and latest.user_id is not None:
        if stdout is not None:
            stdout.write(
                "  kept      organisation settings (changed in the admin since the demo content was loaded)"
            )
        return settings
    fields = fill(read_toml(FILE)["settings"], contacts(), FILE)
    fields["footer_links"] = links(fields["footer_links"], pages)
    fields["social_links"] = links(fields["social_links"])
    if apply_fields(settings, fields):
        settings.full_clean()
        settings.save()
        log(instance=settings, action="wagtail.edit")
        if stdout is not None:
            stdout.write("  updated   organisation settings")
    return settings
