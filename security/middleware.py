"""Content-Security-Policy (strict on the site, relaxed in the admin) and Permissions-Policy."""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def is_admin_path(path):
    return path.startswith(settings.SECURITY_ADMIN_URL_PREFIX)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one addition: the Wagtail admin gets its own, relaxed policy.

    The public site's policy (settings.CONTENT_SECURITY_POLICY) allows no inline script or style.
    The admin's editor relies on inline scripts and styles, so under /admin/ the directives in
    settings.CONTENT_SECURITY_POLICY_ADMIN replace the site's ones; the rest stay as they are.
    No nonces: pages are cached whole, so a per-request value would be wrong for every reader
    but the first.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if is_admin_path(request.path_info):
            replace = settings.CONTENT_SECURITY_POLICY_ADMIN
        elif getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
            # Wagtail renders a page preview through the middleware as if at the page's own
            # address, then shows it in a frame of the admin: the site's policy, framable by itself.
            replace = {"frame-ancestors": ["'self'"]}
        else:
            return parts
        return PolicyParts(
            config=parts.config,
            update=parts.update,
            replace={**replace, **(parts.replace or {})},
            nonce=parts.nonce,
        )


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (settings.PERMISSIONS_POLICY) to every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def allow_inline_styles(response):
    """Let the policy allow, by hash, the <style> blocks already in a rendered response.

    For the one page that cannot count on static files (the 500 page): the hashes come from the
    response itself, so they always match what it contains and allow nothing else.
    """
    styles = INLINE_STYLE.findall(response.content.decode())
    digests = [hashlib.sha256(css.encode()).digest() for css in styles]
    hashes = [f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests]
    if hashes:
        response._csp_update = {"style-src": hashes}
    return response
