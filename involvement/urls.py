"""The register's one public URL outside its page: one-click pausing from a bulk message.

Mail clients POST "List-Unsubscribe=One-Click" to the List-Unsubscribe address (RFC 8058), with
no CSRF token and no sign-in, so this view is CSRF-exempt: the signed link is its only key, and
all it can do is pause the membership, which is safe to repeat. A person following the link
sees a page with a button, so opening it alone (or a mail scanner) changes nothing.
"""

from django.shortcuts import render
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from involvement import member_links
from involvement.member_links import LinkError, LinkInvalid, link_problem
from involvement.models import Member


def member_for(token):

    subject = member_links.read(token, member_links.PAUSE)
    member = Member.objects.active().filter(pk=member_links.pk_from(subject, "member")).first()
    if member is None or member_links.manage_subject(member) != subject:
        raise LinkInvalid()
    return member


@csrf_exempt
def one_click_pause(request):
    token = str(request.GET.get("t", ""))[:2000]
    try:
        member = member_for(token)
    except LinkError as error:
        response = link_problem(request, error)
    else:
        if request.method == "POST":
            if not member.is_paused:
                member.pause()
            response = render(request, "involvement/paused.html", {"done": True})
        else:
            response = render(request, "involvement/paused.html", {"done": False})
    add_never_cache_headers(response)
    return response


urlpatterns = [path("register/pause/", one_click_pause, name="involvement_one_click_pause")]
