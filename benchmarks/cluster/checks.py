"""What the cluster run shows, one function per claim; each returns (passed, figures)."""

import time
import uuid

import psycopg2
import redis

from benchmarks.cluster.admin_form import edit_form_data, replace
from benchmarks.cluster.client import Browser

FEEDBACK = "/share-your-experience/"
# How soon nginx must show a page published through A: the purge is the first task the worker takes.
PURGE_SECONDS = 5
LOGIN = "/admin/login/"


def rows(url, sql, params=()):
    connection = psycopg2.connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


def a_standard_page(url):
    """The address of a published standard page of the demo, below the home page."""
    [(url_path,)] = rows(
        url,
        "SELECT p.url_path FROM wagtailcore_page p JOIN pages_standardpage s ON s.page_ptr_id = p.id "
        "WHERE p.live AND p.depth > 2 ORDER BY p.depth, p.id LIMIT 1",
    )
    return "/" + url_path.strip("/").split("/", 1)[1] + "/"


# The site's host name (the demo's Site), which Wagtail's purge requests carry and nginx keys by.
SITE_HOST = {"Host": "localhost"}


def via_nginx(site, address="192.0.2.1"):
    return Browser(address).get(site["nginx"] + site["page_path"], headers=SITE_HOST)


def feedback(marker):
    return {"kind": "comment", "service": marker, "experience": "Cluster run.", "website": ""}


def page_id(url, path):
    [(found,)] = rows(
        url, "SELECT id FROM wagtailcore_page WHERE url_path LIKE %s ORDER BY depth LIMIT 1", ["%" + path]
    )
    return found


def publish_through_admin(site, browser, page, title):
    """Sign in on A, open the page's edit form there and publish it with a new title, as an editor
    would: every field as the form shows it, the CSRF token from the form, the Publish button."""
    edit = f"{site['a']}/admin/pages/{page}/edit/"
    signed_in = browser.send_form(
        site["a"] + LOGIN, {"username": site["admin"], "password": site["password"]}
    )
    form = browser.get(edit)
    if signed_in.status_code != 302 or form.status_code != 200:
        return {"sign_in_on_a": signed_in.status_code, "edit_form_on_a": form.status_code}
    fields, buttons = edit_form_data(form.text)
    fields = replace(fields, "title", title) + [("action-publish", buttons.get("action-publish", ""))]
    published = browser.request("POST", edit, data=fields)
    return {"sign_in_on_a": signed_in.status_code, "publish_on_a": published.status_code}


def queued(site):
    """How many tasks wait on the worker's queue (django-rq's `default` on the run's Redis)."""
    return redis.Redis.from_url(site["redis"]).llen("rq:queue:default")


def publish_shown_at_once(site, add_backlog, backlog):
    """A page published through A's admin while the worker has `backlog` tasks waiting: A and B show
    the new title on their next request (the shared page cache is stale at once), and nginx within
    PURGE_SECONDS, while tasks queued before it still wait (the purge went first)."""
    path = site["page_path"]
    for _ in range(2):  # warm every cache: A's and B's (one Redis), and nginx's
        warm = {name: Browser("192.0.2.1").get(site[name] + path) for name in ("a", "b")}
        proxied = via_nginx(site)
    figures = {
        "path": path,
        "warm": {name: answer.headers.get("X-Page-Cache") for name, answer in warm.items()},
        "nginx_warm": proxied.headers.get("X-Proxy-Cache"),
    }
    add_backlog(backlog)
    figures["queued_before_publish"] = queued(site)
    title = f"Cluster run {uuid.uuid4().hex[:8]}"
    page = page_id(site["db"], path)
    figures.update(publish_through_admin(site, Browser("198.51.100.10"), page, title))
    [(live_title,)] = rows(site["db"], "SELECT title FROM wagtailcore_page WHERE id = %s", [page])
    figures["stored"] = live_title == title
    figures["shown_by"] = {
        name: title in Browser("192.0.2.1").get(site[name] + path).text for name in ("a", "b")
    }
    started = time.monotonic()
    while (
        not (shown_nginx := title in via_nginx(site).text) and time.monotonic() - started < 3 * PURGE_SECONDS
    ):
        time.sleep(0.1)
    figures["nginx_after_s"] = round(time.monotonic() - started, 1)
    figures["still_queued_when_shown"] = queued(site)
    figures["backlog_drained_after_s"] = drain(site)
    passed = (
        figures["warm"] == {"a": "hit", "b": "hit"}
        and figures["nginx_warm"] == "HIT"
        and figures.get("publish_on_a") == 302
        and figures["stored"]
        and all(figures["shown_by"].values())
        and shown_nginx
        and figures["nginx_after_s"] <= PURGE_SECONDS
        and figures["still_queued_when_shown"] > 0
    )
    return passed, figures


def drain(site, seconds=120):
    """Wait for the worker to empty its queue, so the next checks measure an idle worker."""
    started = time.monotonic()
    while queued(site) and time.monotonic() - started < seconds:
        time.sleep(0.5)
    return round(time.monotonic() - started, 1)


def rate_limit_across_servers(site, limit):
    """`limit` feedback posts from one address are accepted, alternating A and B; the next is refused."""
    browser, marker = Browser("198.51.100.7"), f"rl-{uuid.uuid4().hex[:8]}"
    answers = []
    for number in range(limit + 2):
        base = site["a"] if number % 2 == 0 else site["b"]
        answers.append(browser.send_form(base + FEEDBACK, feedback(marker)).status_code)
    stored = rows(site["db"], "SELECT count(*) FROM involvement_feedback WHERE service = %s", [marker])[0][0]
    passed = answers[:limit] == [302] * limit and 302 not in answers[limit:] and stored == limit
    return passed, {"answers": answers, "stored": stored, "limit": limit}


def lockout_across_servers(site):
    """Five bad sign-ins alternating A and B lock the account from that address on both."""
    browser, answers = Browser("198.51.100.8"), []
    for number in range(6):
        base = site["a"] if number % 2 == 0 else site["b"]
        data = {"username": site["admin"], "password": "wrong password"}
        answers.append(browser.send_form(base + LOGIN, data).status_code)
    passed = answers[:4] == [200] * 4 and answers[4:] == [429, 429]
    return passed, {"answers": answers}


def session_across_servers(site):
    browser = Browser("198.51.100.9")
    signed_in = browser.send_form(
        site["a"] + LOGIN, {"username": site["admin"], "password": site["password"]}
    )
    on_b = browser.get(site["b"] + "/admin/")
    passed = signed_in.status_code == 302 and on_b.status_code == 200 and "sessionid" in browser.cookies
    return passed, {"sign_in_on_a": signed_in.status_code, "admin_on_b": on_b.status_code}, browser


def image_across_servers(site, browser, image_bytes):
    """An image uploaded through A's admin: B makes its rendition from the shared bucket, and B's
    admin, reached through nginx, shows it."""
    title = f"cluster-{uuid.uuid4().hex[:8]}"
    upload = browser.send_form(
        site["a"] + "/admin/images/add/",
        {"title": title, "collection": "1", "tags": ""},
        files={"file": ("cluster.png", image_bytes, "image/png")},
    )
    found = rows(site["db"], "SELECT id FROM wagtailimages_image WHERE title = %s", [title])
    figures = {"upload_on_a": upload.status_code, "stored": bool(found)}
    if not found:
        return False, figures
    image_id = found[0][0]
    edit_b = browser.get(f"{site['b']}/admin/images/{image_id}/")
    through_nginx = browser.get(f"{site['nginx']}/admin/images/{image_id}/")
    rendition = rows(site["db"], "SELECT file FROM wagtailimages_rendition WHERE image_id = %s", [image_id])
    served = None
    if rendition:
        served = Browser("192.0.2.1").get(f"{site['public_media']}/{rendition[0][0]}")
    figures.update(
        edit_on_b=edit_b.status_code,
        edit_through_nginx=through_nginx.status_code,
        renditions=len(rendition),
        rendition_from_bucket=served.status_code if served is not None else None,
        rendition_type=served.headers.get("Content-Type") if served is not None else None,
    )
    passed = (
        upload.status_code == 302
        and edit_b.status_code == 200
        and through_nginx.status_code == 200
        and served is not None
        and served.status_code == 200
        and (served.headers.get("Content-Type") or "").startswith("image/")
    )
    return passed, figures


def purge(site):
    """nginx keeps an anonymous page; PURGE (what FRONTEND_CACHE_PURGE_URL sends) drops it."""
    url = site["nginx"] + site["page_path"]
    Browser("192.0.2.2").get(url)
    before = Browser("192.0.2.2").get(url).headers.get("X-Proxy-Cache")
    purged = Browser("192.0.2.2").request(
        "PURGE", site["purge"] + site["page_path"], headers={"Host": "127.0.0.1"}
    )
    purged = purged.status_code
    after = Browser("192.0.2.2").get(url).headers.get("X-Proxy-Cache")
    signed_in = site["signed_in"].get(url).headers.get("X-Proxy-Cache")
    passed = before == "HIT" and purged == 200 and after in ("MISS", "EXPIRED") and signed_in == "BYPASS"
    return passed, {"before": before, "purge": purged, "after": after, "signed_in": signed_in}


def recovered_after_redis_restart(site, limit):
    """After the restart B stores and serves whole pages again, and the rate limit counts again."""
    path = site["page_path"]
    for _ in range(2):
        answer = Browser("192.0.2.3").get(site["b"] + path)
    passed_rl, figures = rate_limit_across_servers({**site, "a": site["b"]}, limit)
    hit = answer.headers.get("X-Page-Cache")
    return hit == "hit" and passed_rl, {"page_cache": hit, "rate_limit": figures}
