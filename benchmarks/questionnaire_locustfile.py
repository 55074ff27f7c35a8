"""Locust respondents for `make loadtest-questionnaire`: each answers the demo urgent care
consultation's four sections as a browser without JavaScript would.

One task is one respondent: the start page, each section (GET the form, POST a valid answer set
with the CSRF token taken from that form, follow the redirect), About you when asked, *Check your
answers*, submit, and the confirmation page with its reference. The free-text answer
`anything-else` carries a unique marker, so the run can count afterwards the responses stored for
it. Each respondent logs "started", "submitting" (before it sends the check page) and "confirmed"
(with the reference it was shown) to LOADTEST_LOG (benchmarks.locustfile.write_log, which also
logs every failed request).

The production settings mark the session and CSRF cookies Secure, which a client over plain HTTP
does not send back, so each respondent keeps its own cookies and sends them in a Cookie header.
With LOADTEST_SPREAD_ADDRESSES=1 and TRUSTED_PROXIES=1 each respondent comes from an address of
its own (benchmarks.locustfile.forwarded_for), so the per-address rate limit stays on.
"""

import os
import re
import time
import uuid

from locust import HttpUser, between, task

from benchmarks.locustfile import RUN, TIMEOUT, forwarded_for, write_log
from benchmarks.questionnaire_forms import answers_for, step_of
from benchmarks.questionnaire_verdict import MARKER_PREFIX

OPPORTUNITY = os.environ.get("LOADTEST_OPPORTUNITY", "/get-involved/future-of-urgent-care/")
REFERENCE = re.compile(r'class="app-reference">([A-Z0-9]{4}-[A-Z0-9]{4})<')
ERROR_LINK = re.compile(r'<a href="#[^"]*">([^<]+)</a>')


class Respondent(HttpUser):
    """Someone answering the questionnaire from start to confirmation, then the next one."""

    wait_time = between(1, 3)

    def send(self, method, path, data=None):
        headers = {**self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        name = step_of(path) + (" POST" if method == "POST" else "")
        with self.client.request(
            method,
            path,
            data=data,
            headers=headers,
            name=name,
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if method == "POST" and response.status_code == 200:
                errors = ERROR_LINK.findall(response.text or "")
                response.failure(f"the form was shown again: {'; '.join(errors) or 'refused'}")
        self.cookies.update(response.cookies.get_dict())
        return response

    @task
    def respond(self):
        self.cookies, self.address = {}, forwarded_for()
        marker = f"{MARKER_PREFIX}{RUN}-{uuid.uuid4().hex[:16]}"
        write_log({"kind": "started", "marker": marker, "at": time.time()})
        if self.send("GET", f"{OPPORTUNITY}respond/").status_code != 200:
            return
        path = f"{OPPORTUNITY}respond/section-1/"
        for _step in range(12):  # four sections, About you, check: never loops for ever
            page = self.send("GET", path)
            if page.status_code != 200:
                return
            step = step_of(path)
            if step == "check":
                data = {**answers_for(page.text, marker), "email": ""}
                write_log({"kind": "submitting", "marker": marker, "at": time.time()})
            else:
                data = answers_for(page.text, marker)
            sent = self.send("POST", path, data=data)
            if sent.status_code != 302:
                return
            path = sent.headers["Location"]
            if step == "check":
                done = self.send("GET", path)
                found = REFERENCE.search(done.text or "")
                if done.status_code == 200 and found:
                    write_log(
                        {
                            "kind": "confirmed",
                            "marker": marker,
                            "reference": found.group(1),
                            "at": time.time(),
                        }
                    )
                return
