"""Deployment checks (`manage.py check --deploy`) for settings that fail silently when wrong.

- Trusting X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) means there is a proxy in front; if how many
  is not stated (TRUSTED_PROXIES), every visitor's address is the proxy's, and five bad sign-ins
  by anyone lock a username out for everyone. The production settings refuse to start then; this
  check catches any other settings module.
- Mail with a password must be encrypted: STARTTLS (smtp+tls://, port 587) or SSL (smtp+ssl://,
  port 465). Unencrypted SMTP is allowed only to a relay on this machine, and the two kinds of
  encryption must match their usual ports, or mail fails (or hangs) at the first send.
"""

from django.conf import settings
from django.core import checks

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@checks.register(checks.Tags.security, deploy=True)
def check_trusted_proxies(app_configs=None, **kwargs):
    if settings.SECURE_PROXY_SSL_HEADER and settings.TRUSTED_PROXIES is None:
        return [
            checks.Error(
                "SECURE_PROXY_SSL_HEADER is set but TRUSTED_PROXIES is not: say how many proxies "
                "stand in front of gunicorn, or every visitor seems to come from the proxy.",
                hint="Set the TRUSTED_PROXIES environment variable (1 behind one proxy or load balancer).",
                id="security.E201",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_mail_encryption(app_configs=None, **kwargs):
    # The outbox's worker sends through MESSAGING_TRANSPORT_BACKEND (messaging/transports.py).
    if settings.MESSAGING_TRANSPORT_BACKEND != SMTP_BACKEND:
        return []
    host = (settings.EMAIL_HOST or "").strip().lower()
    port = int(settings.EMAIL_PORT or 25)
    tls, ssl = bool(settings.EMAIL_USE_TLS), bool(settings.EMAIL_USE_SSL)
    errors = []
    if not (tls or ssl) and host not in LOCAL_HOSTS:
        errors.append(
            checks.Error(
                f"Mail to {host or 'the mail server'} would be sent unencrypted, password and all.",
                hint="Use EMAIL_URL=smtp+tls://user:password@host:587 (STARTTLS) or "
                "smtp+ssl://user:password@host:465 (SSL).",
                id="security.E202",
            )
        )
    if tls and port == 465:
        errors.append(
            checks.Error(
                "Port 465 expects SSL from the start, but STARTTLS is configured (smtp+tls:// or smtps://).",
                hint="Use smtp+ssl://…:465, or smtp+tls://…:587.",
                id="security.E203",
            )
        )
    if ssl and port == 587:
        errors.append(
            checks.Error(
                "Port 587 expects STARTTLS, but SSL is configured (smtp+ssl://).",
                hint="Use smtp+tls://…:587, or smtp+ssl://…:465.",
                id="security.E204",
            )
        )
    return errors
