"""A button on an opportunity's header menu and page listing, for staff views that belong to one.

The Responses, Bookings and Analysis views each put a button on the opportunities they belong to;
`register_opportunity_button` registers both hooks for one, so each app says only its label, icon,
address and who may see it.
"""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from pages.models import OpportunityPage


class OpportunityButton(PageMenuItem):
    """A menu item shown on opportunities only, to users `shown_to(user, page)` allows."""

    url_name = ""
    shown_to = None

    @property
    def url(self):
        return reverse(self.url_name, args=[self.page.pk])

    def is_shown(self, user):
        page_class = self.page.specific_class
        return bool(page_class and issubclass(page_class, OpportunityPage)) and self.shown_to(user, self.page)


def register_opportunity_button(label, icon_name, url_name, shown_to, priority):
    """Put a button on opportunities' header menus and listings; `shown_to(user, page)` says to whom."""
    button = type(
        f"{label.title().replace(' ', '')}Button",
        (OpportunityButton,),
        {"label": label, "icon_name": icon_name, "url_name": url_name, "shown_to": staticmethod(shown_to)},
    )

    def header_button(page, user, view_name, next_url=None):
        yield button(page=page, priority=priority)

    def listing_button(page, user, next_url=None):
        yield button(page=page, priority=priority)

    hooks.register("register_page_header_buttons", header_button)
    hooks.register("register_page_listing_more_buttons", listing_button)
    return button


class StaffMenuItem(MenuItem):
    """A Reports menu item shown to those `shown_to(user)` allows."""

    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)
