"""The header and footer are kept as HTML for anonymous visitors until the content changes, even with
whole pages uncached; a signed-in user's header is never kept nor served a kept one."""

import pytest
from django.core.cache import caches

from pages.models import OrganisationSettings
from pages.tests.factories import StandardPageFactory
from public_site.cache_tags import FRAGMENT_PREFIX
from public_site.tests.test_targeted_invalidation import menu

pytestmark = pytest.mark.usefixtures("page_cache_off")


def fragment_keys():
    """The keys of the fragment entries the page cache holds, as the cache's callers name them.

    The page cache is a LocMemCache in the tests, or Redis in CI's Redis run (REDIS_URL); each
    stores a caller's key with a prefix and a version in front, which make_key("") gives.
    """
    cache = caches["pages"]
    store = cache._cache
    if isinstance(store, dict):
        stored = list(store)
    else:
        stored = [key.decode() for key in store.get_client(write=False).scan_iter("*")]
    stem = cache.make_key("")
    return [key[len(stem) :] for key in stored if key.startswith(stem) and FRAGMENT_PREFIX in key]


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="x", is_staff=True)


def keep(text, *names):
    """Replace every kept fragment named `names` with `text`; how many there were."""
    keys = [key for key in fragment_keys() if any(f":{name}:" in key for name in names)]
    for key in keys:
        caches["pages"].set(key, text)
    return len(keys)


@pytest.mark.django_db
def test_anonymous_pages_are_served_the_kept_header_and_footer(client, home, about):
    response = client.get("/")
    assert "X-Page-Cache" not in response  # the page itself is not kept
    assert keep("<header>KEPT HEADER</header>", "header") == 1
    assert keep("<footer>KEPT FOOTER</footer>", "footer") == 1
    html = client.get("/").content.decode()
    assert "KEPT HEADER" in html and "KEPT FOOTER" in html


@pytest.mark.django_db
def test_a_signed_in_user_is_never_served_a_kept_header(client, home, about, editor):
    client.get("/")
    assert keep("<div>KEPT FOR ANONYMOUS VISITORS</div>", "header", "footer") == 2
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert "KEPT FOR ANONYMOUS VISITORS" not in html
    assert "About us" in menu(client.get("/"))


@pytest.mark.django_db
def test_a_signed_in_users_header_is_never_kept(client, home, about, editor):
    client.force_login(editor)
    client.get("/")
    client.get(about.url)
    assert not [key for key in fragment_keys() if ":header:" in key or ":footer:" in key]
    client.logout()
    client.get("/")
    assert [key for key in fragment_keys() if ":header:" in key]


@pytest.mark.django_db
def test_the_current_menu_item_follows_the_address_not_the_first_page_kept(client, home, about):
    client.get("/")
    here = client.get(about.url).content.decode()
    assert 'href="/about/" aria-current="page"' in here
    home_again = client.get("/").content.decode()
    assert 'href="/about/" aria-current' not in home_again
    assert 'href="/" aria-current="page"' in home_again


@pytest.mark.django_db
def test_a_publish_that_changes_the_menu_changes_the_kept_header(client, home, about):
    assert "News" not in menu(client.get("/"))
    client.get(about.url)
    news = StandardPageFactory(parent=home, title="News", slug="news", show_in_menus=True, live=False)
    news.save_revision().publish()
    assert "News" in menu(client.get("/"))
    assert "News" in menu(client.get(about.url))
    about.title = "Who we are"
    about.save_revision().publish()
    words = menu(client.get("/"))
    assert "Who we are" in words and "About us" not in words


@pytest.mark.django_db
def test_a_settings_change_changes_the_kept_footer(client, home):
    client.get("/")
    settings = OrganisationSettings.for_site(home.get_site())
    settings.phone = "0115 496 0999"
    settings.save()
    assert "0115 496 0999" in client.get("/").content.decode()
