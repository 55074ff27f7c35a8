"""What someone sees after too many failed sign-ins (django-axes' AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils.timesince import timeuntil
from django.utils.timezone import now


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in page style, saying why and for how long, with status 429."""
    cool_off = get_cool_off(request)
    current = now()
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "wait": timeuntil(current + cool_off, current) if cool_off else "",
    }
    return render(request, "security/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
