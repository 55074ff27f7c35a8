"""The document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), kept apart from the models it must not
load before: Wagtail imports it only when it builds its document views."""

from wagtail.documents.forms import BaseDocumentForm

from workflows.documents import leaving_privacy_problem


class PlanDocumentForm(BaseDocumentForm):
    """The document form, refusing to move a plan's equality impact assessment into public view."""

    def clean(self):
        cleaned_data = super().clean()
        if problem := leaving_privacy_problem(self.instance, cleaned_data.get("collection")):
            self.add_error("collection", problem)
        return cleaned_data
