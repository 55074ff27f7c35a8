"""Locust users for `make loadtest` (Visitor, Submitter) and the `make bench` fallback (BenchUser).

Visitors browse, filter, page through and search. Submitters fill in the involvement register
sign-up and the feedback form, each submission carrying a unique marker (in the email address or
the service name) so the load test can count the rows stored for it afterwards. Every submission
and every failed request (every request, with LOADTEST_LOG_REQUESTS=1) is appended as one JSON
line to LOADTEST_LOG.

The production settings mark the CSRF cookie Secure; over plain HTTP on the loopback the client
would not send it back, so the forms send the token cookie explicitly.
"""

import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, between, events, task

LOG = os.environ.get("LOADTEST_LOG", "")
# The cluster run (benchmarks/cluster) sits behind nginx with TRUSTED_PROXIES=2: each submission
# then comes from an address of its own, so the forms' rate limit does not refuse the load itself.
SPREAD_ADDRESSES = os.environ.get("LOADTEST_SPREAD_ADDRESSES") == "1"


def forwarded_for():
    if not SPREAD_ADDRESSES:
        return {}
    return {
        "X-Forwarded-For": f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    }


RUN = os.environ.get("LOADTEST_RUN", "run")
TIMEOUT = 30

SEARCH_TERMS = [
    "urgent care",
    "diabetes",
    "mental health",
    "maternity",
    "Newark",
    "GP",
    "dementia",
    "transport",
]
STATUSES = ["open", "upcoming", "closed", "outcome"]
TYPES = ["consultation", "survey", "event", "focus_group", "involvement_cafe", "panel", "volunteer_role"]

OPPORTUNITY_LINK = re.compile(r'href="(/get-involved/[^"/?]+/)"')
OUTCOME_LINK = re.compile(r'href="(/you-said-we-did/[^"/?]+/)"')
CHOICE = re.compile(
    r'name="(topics|topic|kind|preferred_contact)"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="(topics|topic|kind|preferred_contact)"'
)
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|privacy_revision)" value="([^"]*)"')


def write_log(record):
    if LOG:
        with open(LOG, "a") as log:
            log.write(json.dumps(record) + "\n")


# The cluster run counts the requests in flight when it kills a server: it logs every request.
LOG_REQUESTS = os.environ.get("LOADTEST_LOG_REQUESTS") == "1"


@events.request.add_listener
def log_failures(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    if exception is None and not LOG_REQUESTS:
        return
    ended = time.time()
    record = {"kind": "request", "name": name, "started": ended - response_time / 1000, "ended": ended}
    if exception is not None:
        status = getattr(response, "status_code", 0) or 0
        record.update(kind="failure", status=status, error=str(exception)[:200])
    write_log(record)


class BenchUser(HttpUser):
    """`make bench` without wrk: one address (BENCH_PATH) as fast as possible."""

    wait_time = between(0, 0)

    @task
    def get(self):
        self.client.get(os.environ.get("BENCH_PATH", "/"), timeout=TIMEOUT)


class Visitor(HttpUser):
    """Someone reading: the home page, the listings with filters, pages, search."""

    weight = 9
    wait_time = between(1, 4)

    def get(self, path, name=None):
        return self.client.get(path, name=name or path, timeout=TIMEOUT)

    @task(3)
    def home(self):
        self.get("/")

    @task(4)
    def browse_opportunities(self):
        response = self.get("/get-involved/")
        links = OPPORTUNITY_LINK.findall(response.text or "")
        if links:
            self.get(random.choice(links), name="/get-involved/[opportunity]/")

    @task(4)
    def filter_opportunities(self):
        query = f"status={random.choice(STATUSES)}&type={random.choice(TYPES)}"
        if random.random() < 0.5:
            query += f"&page={random.randint(1, 5)}"
        self.get(f"/get-involved/?{query}", name="/get-involved/?[filters]")

    @task(2)
    def outcomes(self):
        response = self.get(f"/you-said-we-did/?page={random.randint(1, 20)}", name="/you-said-we-did/?page=")
        links = OUTCOME_LINK.findall(response.text or "")
        if links:
            self.get(random.choice(links), name="/you-said-we-did/[item]/")

    @task(2)
    def search(self):
        self.get(f"/search/?q={random.choice(SEARCH_TERMS).replace(' ', '+')}", name="/search/?q=")

    @task(1)
    def strategy(self):
        self.get("/engagement-strategy/")


class Submitter(HttpUser):
    """Someone joining the involvement register or sharing an experience."""

    weight = 1
    wait_time = between(2, 6)

    def form(self, path):
        """(hidden values, {field: [choices]}, csrf cookie) from the form page."""
        response = self.client.get(path, name=path, timeout=TIMEOUT)
        html = response.text or ""
        hidden = dict(HIDDEN.findall(html))
        choices = {}
        for name, value, value2, name2 in CHOICE.findall(html):
            choices.setdefault(name or name2, []).append(value or value2)
        return response, hidden, choices, response.cookies.get("csrftoken", "")

    def submit(self, path, form, data, marker, cookie):
        started = time.time()
        with self.client.post(
            path,
            data=data,
            headers={"Cookie": f"csrftoken={cookie}", **forwarded_for()},
            allow_redirects=False,
            name=f"{path} POST",
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            accepted = response.status_code == 302 and "thank-you" in response.headers.get("Location", "")
            if response.status_code == 200:
                response.failure("the form was re-displayed: the submission was refused")
            write_log(
                {
                    "kind": "submission",
                    "form": form,
                    "marker": marker,
                    "status": response.status_code,
                    "accepted": accepted,
                    "started": started,
                    "ended": time.time(),
                }
            )
        if accepted:
            self.client.get(response.headers["Location"], name=f"{path}thank-you/", timeout=TIMEOUT)

    @task
    def join_register(self):
        response, hidden, choices, cookie = self.form("/get-involved/join/")
        if response.status_code != 200 or "csrfmiddlewaretoken" not in hidden:
            return
        marker = f"lt-{RUN}-{uuid.uuid4().hex[:16]}"
        data = {
            "csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"],
            "privacy_revision": hidden.get("privacy_revision", ""),
            "name": "Load Test Person",
            "email": f"{marker}@example.org",
            "preferred_contact": "email",
            "topics": random.sample(choices.get("topics", []), min(2, len(choices.get("topics", [])))),
            "consent": "on",
            "website": "",
        }
        self.submit("/get-involved/join/", "register", data, marker, cookie)

    @task
    def share_experience(self):
        response, hidden, choices, cookie = self.form("/share-your-experience/")
        if response.status_code != 200 or "csrfmiddlewaretoken" not in hidden:
            return
        marker = f"lt-{RUN}-{uuid.uuid4().hex[:16]}"
        data = {
            "csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"],
            "kind": random.choice(choices.get("kind", ["comment"])),
            "service": marker,
            "experience": "The reception staff were kind and the wait was short. " * 3,
            "website": "",
        }
        self.submit("/share-your-experience/", "feedback", data, marker, cookie)
