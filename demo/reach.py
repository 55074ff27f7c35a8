"""The demo area's population figures (demo/data/population.toml) and the urgent care gap.

`build(home, stdout)`, a step of `manage.py load_demo_content` after the questionnaires: fills in
AreaPopulation for the default site unless someone has changed it in the admin since, and makes
the demo urgent care consultation hear from few people in one group, so its reach table (the
Engagement team's 'Who we heard from') has a gap to highlight. Loading twice changes nothing.
"""

from decimal import Decimal

from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import Site

from demo.datafiles import read_toml
from pages.models import OpportunityPage
from questionnaires.models import Response
from reach.models import AreaPopulation, PopulationFigure

FILE = "population.toml"


def ensure_population(data, stdout=None):
    site = Site.objects.get(is_default_site=True)
    setting = AreaPopulation.for_site(site)
    latest = log_registry.get_logs_for_instance(setting).order_by("-timestamp", "-pk").first()
    if latest is not None and latest.user_id is not None:
        return setting  # changed in the admin since: kept
    wanted = {
        group: Decimal(str(percent)).quantize(Decimal("0.1")) for group, percent in data["figures"].items()
    }
    if setting.source == data["source"] and setting.shares() == wanted:
        return setting
    setting.source = data["source"]
    setting.save()
    PopulationFigure.objects.filter(setting=setting).delete()
    PopulationFigure.objects.bulk_create(
        PopulationFigure(setting=setting, group=group, percent=percent, sort_order=order)
        for order, (group, percent) in enumerate(wanted.items())
    )
    log(instance=setting, action="wagtail.edit")
    if stdout is not None:
        stdout.write("  updated   area population")
    return setting


def make_gap(gap, stdout=None):
    """Move all but one of the consultation's responses in `gap['group']` to `gap['moved_to']`."""
    page = OpportunityPage.objects.filter(slug=gap["opportunity"]).first()
    if page is None:
        return 0
    question, answer = gap["group"].split(":")
    _question, moved_to = gap["moved_to"].split(":")
    rows = list(
        Response.objects.filter(opportunity=page, **{f"about_you__{question}": answer}).order_by("pk")[1:]
    )
    for response in rows:
        response.about_you = {**response.about_you, question: moved_to}
    Response.objects.bulk_update(rows, ["about_you"])
    if rows and stdout is not None:
        stdout.write(f"  {len(rows)} made-up responses to {page.title} moved out of {gap['group']}")
    return len(rows)


def build(home, stdout=None):
    data = read_toml(FILE)
    ensure_population(data, stdout)
    make_gap(data["gap"], stdout)
