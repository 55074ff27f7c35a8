"""Turns a refused sign-off decision into a message on the page, not an error page."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from workflows.exceptions import SignOffRefused


class SignOffRefusalMiddleware:
    """Catches SignOffRefused from any route that acts on a stage and explains why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SignOffRefused):
            return None
        messages.error(request, str(exception))
        if exception.page_id is None:
            target = reverse("wagtailadmin_home")
        else:
            target = reverse("wagtailadmin_pages:edit", args=[exception.page_id])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            from wagtail.admin.modal_workflow import render_modal_workflow

            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": target}
            )
        return redirect(target)
