"""The privacy notice a booking is made under: the one the site's register links, recorded as it does."""

from involvement.models import RegisterPage


def consent_record(request=None):
    """(privacy notice page or None, its revision id or None, the description stored on the booking)."""
    register = RegisterPage.objects.live().first()
    if register is None:
        return None, None, "No privacy notice linked (no register page)"
    notice = register.live_privacy_notice(request)
    revision_id, description = register.consent_record(request)
    return notice, revision_id, description
