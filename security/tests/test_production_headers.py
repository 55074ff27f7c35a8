"""Under the production settings: the public site's security headers, the session cookie's flags, and
/healthz answering a load balancer (any Host, plain HTTP). Run in a fresh interpreter, as
public_site/tests/test_production_settings.py does, since settings are read once per process."""

import json

from public_site.tests.test_production_settings import run_with_production_settings

PROBE = """
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client, override_settings

call_command("migrate", verbosity=0)
results = {}
# Static files are not collected here: plain (unhashed) names are enough to render pages.
plain = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    client = Client()
    secure = client.get("/", HTTP_HOST="engage.example.nhs.uk", HTTP_X_FORWARDED_PROTO="https")
    results["page"] = {"status": secure.status_code, "headers": dict(secure.headers)}
    plain_http = client.get("/", HTTP_HOST="engage.example.nhs.uk")
    results["http"] = {"status": plain_http.status_code, "location": plain_http.headers.get("Location")}
    health = client.get("/healthz", HTTP_HOST="10.0.0.7")
    results["health"] = {"status": health.status_code, "body": health.json(), "headers": dict(health.headers)}
    from django.contrib.auth import get_user_model
    get_user_model().objects.create_superuser("probe", "probe@example.com", "a long enough password")
    signed_in = client.post(
        "/admin/login/",
        {"username": "probe", "password": "a long enough password"},
        HTTP_HOST="engage.example.nhs.uk",
        HTTP_X_FORWARDED_PROTO="https",
    )
    results["cookie"] = {"status": signed_in.status_code, "session": signed_in.cookies["sessionid"].output()}
print("RESULTS" + json.dumps(results))
"""


def test_public_pages_send_the_security_headers_and_healthz_answers_over_http(tmp_path):
    result = run_with_production_settings(
        PROBE,
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="engage.example.nhs.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULTS"))
    results = json.loads(line.removeprefix("RESULTS"))

    page = results["page"]
    assert page["status"] == 200
    headers = page["headers"]
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert csp["base-uri"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]

    # Plain HTTP is redirected to HTTPS; the health check is not, and ignores the Host header.
    assert results["http"] == {"status": 301, "location": "https://engage.example.nhs.uk/"}
    health = results["health"]
    assert health["status"] == 200
    assert health["body"] == {"database": "ok", "cache": "ok"}
    assert "no-store" in health["headers"]["Cache-Control"]

    # The session cookie is sent over HTTPS only and is out of reach of scripts.
    assert results["cookie"]["status"] == 302
    session_cookie = results["cookie"]["session"]
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie
    assert "expires" not in session_cookie.lower(), "the session should end when the browser closes"
