"""RSS and Atom feeds of opportunities and 'You said, We did' items, for feed readers and partners.

A feed takes the same few queries however many items it has: pages and topics are fetched in bulk.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from wagtail.models import Site

from core.dates import start_of_day
from pages.models import (
    OpportunityIndexPage,
    OpportunityPage,
    OrganisationSettings,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)
from pages.models.opportunities import Status


@dataclass
class FeedContext:
    """What one request's feed is built from: the site it asked for and that site's organisation."""

    request: object
    site: Site | None
    org: OrganisationSettings


class PageFeed(Feed):
    """A feed of live public pages of one type in the request's site, linking to their index."""

    heading = ""
    about = ""
    index_model = None
    max_items = 100

    def get_object(self, request, *args, **kwargs):
        site = Site.find_for_request(request)
        org = OrganisationSettings.for_request(request) if site else OrganisationSettings()
        return FeedContext(request=request, site=site, org=org)

    def title(self, obj):
        return f"{self.heading} – {obj.org.short_name}"

    def description(self, obj):
        return self.about

    def subtitle(self, obj):
        return self.about

    def author_name(self, obj):
        return obj.org.name

    def link(self, obj):
        if obj.site is None:
            return "/"
        index = self.index_model.objects.live().public().in_site(obj.site).first()
        return index.get_full_url(obj.request) if index else f"{obj.site.root_url}/"

    def get_pages(self, site):
        raise NotImplementedError

    def items(self, obj):
        if obj.site is None:
            return []
        pages = list(self.get_pages(obj.site)[: self.max_items])
        for page in pages:
            # Item methods get no request; the request keeps the site root paths between items.
            page.feed_link = page.get_full_url(obj.request)
        return pages

    # Readers treat titles and descriptions as HTML; these are plain text, so escape them.
    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        return escape(item.summary_text)

    def item_link(self, item):
        return item.feed_link

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_pubdate(self, item):
        return item.first_published_at or self.fallback_date(item)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def fallback_date(self, item):
        """For pages imported without a publishing history: the date the page itself gives."""
        return item.latest_revision_created_at


class OpportunitiesFeed(PageFeed):
    """Opportunities open now, closing soonest first, then upcoming ones, opening soonest first."""

    heading = "Opportunities to get involved"
    about = "Consultations, surveys, events and groups that are open now or opening soon."
    index_model = OpportunityIndexPage

    def get_pages(self, site):
        return (
            OpportunityPage.objects.live()
            .public()
            .in_site(site)
            .defer_streamfields()
            .with_status_in([Status.OPEN, Status.UPCOMING])
            .prefetch_related("topics")
        )

    def fallback_date(self, item):
        return start_of_day(item.opens)


class OpportunitiesAtomFeed(OpportunitiesFeed):
    feed_type = Atom1Feed


class YouSaidWeDidFeed(PageFeed):
    """'You said, We did' items, the most recent outcome first."""

    heading = "You said, We did"
    about = "What people told us, and what we changed because of it."
    index_model = YouSaidWeDidIndexPage

    def get_pages(self, site):
        return (
            YouSaidWeDidPage.objects.live()
            .public()
            .in_site(site)
            .defer_streamfields()
            .order_by("-date", "-pk")
            .prefetch_related("topics")
        )

    def fallback_date(self, item):
        return start_of_day(item.date)


class YouSaidWeDidAtomFeed(YouSaidWeDidFeed):
    feed_type = Atom1Feed
