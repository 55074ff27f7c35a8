"""Subscribing at /alerts/, confirming from the email, and unsubscribing in one click."""

import pytest
from django.core import mail
from django.test import Client

from alerts.models import Frequency, Subscription
from alerts.tests.conftest import links_in, sent_to, subscribe

pytestmark = pytest.mark.django_db

EMAIL = "robin@example.com"


def form_data(topics=(), **overrides):
    data = {
        "email": EMAIL,
        "what": ["opportunities", "outcomes"],
        "topics": [t.pk for t in topics],
        "frequency": Frequency.IMMEDIATE,
        "website": "",
    }
    data.update(overrides)
    return data


def confirm_link(address=EMAIL):
    [message] = sent_to(address)
    [link] = links_in(message, "confirm")
    return link


def test_the_page_offers_the_vocabularies(client, home, topics, audiences):
    response = client.get("/alerts/")
    assert response.status_code == 200
    html = response.content.decode()
    for term in [*topics, *audiences]:
        assert term.name in html
    assert "Focus group or workshop" in html
    assert 'name="website"' in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_subscribe_confirm_and_the_subscription_is_live(client, home, topics):
    response = client.post("/alerts/", form_data(topics[:1]))
    assert response.status_code == 302
    assert response["Location"] == "/alerts/check-your-email/"
    assert "Check your email" in client.get(response["Location"]).content.decode()

    subscription = Subscription.objects.get()
    assert not subscription.is_confirmed
    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert "Confirm your email alerts" in message.subject
    assert "List-Unsubscribe" not in message.extra_headers  # a confirmation is not a bulk message

    link = confirm_link()
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm my email alerts" in page.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed  # opening the link (as a mail scanner would) is not enough

    done = client.post(link)
    assert done.status_code == 200
    assert "Your email alerts are confirmed" in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_confirmed
    assert list(subscription.topics.all()) == topics[:1]
    assert subscription.frequency == Frequency.IMMEDIATE


def test_a_confirm_link_works_once(client, home):
    client.post("/alerts/", form_data())
    link = confirm_link()
    assert client.post(link).status_code == 200
    again = client.post(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert client.get(link).status_code == 410


def test_an_altered_link_shows_the_clear_page(client, home):
    client.post("/alerts/", form_data())
    link = confirm_link()
    altered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    for response in (client.get(altered), client.post(altered), client.get("/alerts/confirm/nonsense/")):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
        assert "ask for them again" in response.content.decode()
    assert not Subscription.objects.confirmed().exists()


def test_an_expired_link_shows_the_clear_page(client, home, monkeypatch):
    client.post("/alerts/", form_data())
    link = confirm_link()
    import time

    later = time.time() + 31 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Subscription.objects.confirmed().exists()


def test_an_unsubscribe_link_is_refused_for_confirming(client, home):
    subscription = subscribe(EMAIL)
    from alerts.links import unsubscribe_url

    token = unsubscribe_url(subscription).rsplit("/", 2)[-2]
    assert client.post(f"/alerts/confirm/{token}/").status_code == 400


def test_subscribing_again_changes_nothing_until_confirmed(client, home, topics):
    old = subscribe(EMAIL, topics=topics[:1])
    client.post("/alerts/", form_data(topics[1:], email=" Robin@Example.com ", frequency=Frequency.WEEKLY))
    old.refresh_from_db()
    assert old.is_confirmed and list(old.topics.all()) == topics[:1]
    [message] = mail.outbox
    assert "change" in message.subject
    assert message.to == ["Robin@Example.com"]

    [link] = links_in(message, "confirm")
    client.post(link)
    [current] = Subscription.objects.all()
    assert current.pk != old.pk
    assert current.is_confirmed
    assert list(current.topics.all()) == topics[1:]
    assert current.frequency == Frequency.WEEKLY


def test_unsubscribe_by_one_click_post_without_csrf_or_sign_in(home):
    from alerts.links import unsubscribe_url

    subscription = subscribe(EMAIL)
    path = unsubscribe_url(subscription).removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # Repeating it is safe and says the same.
    again = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200
    assert "You have unsubscribed" in again.content.decode()


def test_unsubscribe_page_asks_first_and_works_without_javascript(client, home):
    from alerts.links import unsubscribe_url

    subscription = subscribe(EMAIL)
    path = unsubscribe_url(subscription).removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200
    assert Subscription.objects.exists()  # a GET (a link scanner) unsubscribes nobody
    html = page.content.decode()
    assert f'action="{path}"' in html and 'method="post"' in html
    assert "You have unsubscribed" in client.post(path).content.decode()
    assert not Subscription.objects.exists()


def test_an_altered_unsubscribe_link_shows_the_clear_page(client, home):
    from alerts.links import unsubscribe_url

    subscription = subscribe(EMAIL)
    path = unsubscribe_url(subscription).removeprefix("http://testserver")
    response = client.post(path.replace("/unsubscribe/", "/unsubscribe/x"))
    assert response.status_code == 400
    assert "latest alert" in response.content.decode()
    assert Subscription.objects.exists()


def test_unconfirmed_subscriptions_are_removed_after_30_days(home, readme_cron):
    from django.utils import timezone

    fresh = Subscription.objects.create(email="fresh@example.com")
    stale = Subscription.objects.create(
        email="stale@example.com", created_at=timezone.now() - timezone.timedelta(days=31)
    )
    confirmed = subscribe("kept@example.com")
    confirmed.created_at = timezone.now() - timezone.timedelta(days=400)
    confirmed.save()
    readme_cron("remove_unconfirmed_alerts")
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, confirmed.pk}
    assert stale.pk not in remaining
