"""The demo topics and audiences that tag opportunities, outcomes and register members."""

from demo.datafiles import read_toml
from pages.models import Audience, Topic


def ensure_terms(stdout=None):
    """Create any missing topics and audiences; return ({slug: Topic}, {slug: Audience}).

    Terms that already exist are left as they are: editors may have reworded them.
    """
    data = read_toml("vocabularies.toml")
    topics = {term["slug"]: _ensure(Topic, stdout, **term) for term in data["topics"]}
    audiences = {term["slug"]: _ensure(Audience, stdout, **term) for term in data["audiences"]}
    return topics, audiences


def _ensure(model, stdout, *, slug, name, description):
    term = model.objects.filter(slug=slug).first() or model.objects.filter(name=name).first()
    if term is None:
        term = model.objects.create(slug=slug, name=name, description=description)
        if stdout is not None:
            stdout.write(f"  created   {model._meta.verbose_name} '{name}'")
    return term
