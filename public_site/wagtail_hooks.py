"""Tells the page cache what a served page shows (public_site/cache_tags.py)."""

from wagtail import hooks

from pages.models import (
    HomePage,
    OpportunityIndexPage,
    OpportunityPage,
    StandardPage,
    StrategyPage,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)
from public_site.cache_tags import LISTINGS, add_tags, page_tag

# Page types that show only themselves, the pages beneath them and the pages they link to by a page
# field (public_site/cache_signals.py marks all of those on a publish). Any other type (the annual
# report, the forms) is taken to list pages from across the site.
SELF_CONTAINED = (
    HomePage,
    StandardPage,
    StrategyPage,
    OpportunityIndexPage,
    OpportunityPage,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    add_tags(request, page_tag(page.path))
    if not isinstance(page, SELF_CONTAINED):
        add_tags(request, LISTINGS)
