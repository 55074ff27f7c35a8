"""The public questionnaire at `<opportunity URL>respond/`, one GOV.UK-style question page at a time.

start → section-1 … section-N → about-you (if asked) → check → done; `save/` after "Save and come
back later", `resume/?t=` for an emailed link. Every response here is private to the respondent
(it uses their session), so it is never stored in the anonymous page cache: these views are not
in public_site/page_cache.py's CACHEABLE_VIEWS, and each says no-store besides.
"""

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from core.addresses import client_ip
from involvement.spam import HONEYPOT_MESSAGE, RATE_LIMIT_MESSAGE, RateLimiter, honeypot_filled
from messaging import links
from pages.forms import HoneypotForm, admit
from questionnaires import receipts
from questionnaires.about_you import AboutYouForm, privacy_notice
from questionnaires.flow import Flow, draft_for_token, has_closed, page_for
from questionnaires.forms import section_form
from questionnaires.models import Response
from questionnaires.recording import has_opened, record_response

MAX_TOKEN = 2000


class EmailForm(HoneypotForm):
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )


class ReturnEmailForm(EmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].help_text = "We will send you a link to come back to your answers."


class ReceiptForm(EmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address for a copy of your answers (optional)"
        self.fields["email"].help_text = "We will email you your answers and reference number."


def _render(request, flow, template, context=None, status=200):
    notice, _consent = privacy_notice()
    base = {"page": flow.page, "flow": flow, "privacy_notice": notice, "closed": has_closed(flow.page)}
    response = render(request, f"questionnaires/{template}", {**base, **(context or {})}, status=status)
    add_never_cache_headers(response)
    return response


def _redirect(url):
    response = HttpResponseRedirect(url)
    add_never_cache_headers(response)
    return response


def _refused(form, message):
    form.add_error(None, message)
    return form


def _gate(flow):
    """Where to send someone who may not answer now: before opening, or closed with nothing started."""
    if not has_opened(flow.page) or (has_closed(flow.page) and flow.draft() is None):
        return _redirect(flow.base_url())
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def respond(request, page_path, step=""):
    page = page_for(request, page_path)
    flow = Flow(request, page)
    if step == "":
        return start(request, flow)
    if step.startswith("section-"):
        number = step.removeprefix("section-")
        if not number.isdigit() or not 1 <= int(number) <= flow.section_count:
            raise Http404("No such section.")
        return section(request, flow, int(number))
    views = {"about-you": about_you, "check": check, "done": done, "save": save, "resume": resume}
    if step not in views or (step == "about-you" and not flow.asks_about_you):
        raise Http404("No such step.")
    return views[step](request, flow)


def start(request, flow):
    return _render(
        request,
        flow,
        "start.html",
        {"opened": has_opened(flow.page), "draft": flow.draft(), "first_url": flow.section_url(1)},
    )


def section(request, flow, number):
    if gate := _gate(flow):
        return gate
    answers = flow.answers()
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    if request.method == "POST":
        form = section_form(flow.page, number - 1, data=request.POST, answers=answers, sections=flow.sections)
        if honeypot_filled(request.POST):
            _refused(form, HONEYPOT_MESSAGE)
        elif request.POST.get("action") == "save":
            form.is_valid()
            given = getattr(form, "answers", {})
            flow.save_section(number, {k: v for k, v in given.items() if k.split("__")[0] not in form.errors})
            return _redirect(flow.save_url())
        elif form.is_valid():
            flow.save_section(number, form.answers)
            return _redirect(flow.check_url() if change else flow.after_section(number))
    else:
        form = section_form(flow.page, number - 1, answers=answers, sections=flow.sections)
    context = {
        "form": form,
        "section": flow.sections[number - 1],
        "number": number,
        "back_url": flow.check_url() if change else flow.before_section(number),
        "change": change,
    }
    return _render(request, flow, "section.html", context)


def about_you(request, flow):
    if gate := _gate(flow):
        return gate
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    if request.method == "POST":
        form = AboutYouForm(request.POST)
        if honeypot_filled(request.POST):
            _refused(form, HONEYPOT_MESSAGE)
        elif form.is_valid():
            flow.save_about_you(form.about_you())
            if request.POST.get("action") == "save":
                return _redirect(flow.save_url())
            return _redirect(flow.check_url())
    else:
        about = flow.about_you()
        form = AboutYouForm(initial={**about, "consent": bool(about)})
    back = flow.check_url() if change else flow.section_url(flow.section_count)
    return _render(request, flow, "about_you.html", {"form": form, "back_url": back, "change": change})


def check(request, flow):
    if gate := _gate(flow):
        return gate
    draft = flow.draft()
    if draft is None:
        return _redirect(flow.section_url(1))
    if (incomplete := flow.first_incomplete_section()) is not None:
        return _redirect(flow.section_url(incomplete))
    if request.method == "POST":
        form = ReceiptForm(request.POST)
        if admit(form, request.POST, RateLimiter(request, "questionnaire"), RATE_LIMIT_MESSAGE):
            return _submit(request, flow, draft, form.cleaned_data["email"])
    else:
        form = ReceiptForm(initial={"email": draft.email})
    about = flow.about_you()
    context = {
        "form": form,
        "rows": receipts.answer_rows(flow.visible_answers(), flow.answers()),
        "about_you": receipts.about_you_rows(about) if flow.asks_about_you else [],
        "back_url": flow.before_check(),
    }
    return _render(request, flow, "check.html", context)


def _submit(request, flow, draft, email):
    _notice, consent = privacy_notice()
    response = record_response(
        flow.page,
        answers=draft.answers,
        about_you=draft.about_you,
        email=email,
        consent_version=consent,
        client_address=client_ip(request) or None,
        draft=draft,
    )
    if email and response.created:
        receipts.send_receipt(flow, response)
    flow.forget()
    request.session[f"{flow.session_key}.done"] = response.reference
    return _redirect(flow.done_url())


def done(request, flow):
    reference = request.session.get(f"{flow.session_key}.done")
    response = Response.objects.filter(opportunity=flow.page, reference=str(reference or "")).first()
    if response is None:
        return _redirect(flow.base_url())
    return _render(request, flow, "done.html", {"response": response})


def save(request, flow):
    draft = flow.draft()
    if draft is None:
        return _redirect(flow.base_url())
    sent = False
    if request.method == "POST":
        form = ReturnEmailForm(request.POST)
        if admit(form, request.POST, RateLimiter(request, "questionnaire-link"), RATE_LIMIT_MESSAGE):
            flow.save_email(form.cleaned_data["email"])
            receipts.send_return_link(flow, draft)
            sent = True
    else:
        form = ReturnEmailForm(initial={"email": draft.email})
    context = {"form": form, "draft": draft, "sent": sent, "continue_url": flow.section_url(1)}
    return _render(request, flow, "save.html", context)


def resume(request, flow):
    """An emailed link: opening it shows a button (a mail scanner's visit changes nothing); the
    button uses the single-use link and puts the draft in this browser's session."""
    token = str(request.POST.get("t") or request.GET.get("t") or "")[:MAX_TOKEN]
    try:
        draft = draft_for_token(flow.page, token, consume=request.method == "POST")
    except links.LinkError as error:
        response = links.link_problem(
            request,
            error,
            next_steps=f"You can start again at {request.build_absolute_uri(flow.base_url())}.",
        )
        add_never_cache_headers(response)
        return response
    if request.method != "POST":
        return _render(request, flow, "resume.html", {"token": token})
    flow.remember(draft)
    incomplete = flow.first_incomplete_section()
    return _redirect(flow.section_url(incomplete) if incomplete else flow.check_url())
