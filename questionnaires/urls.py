"""The public questionnaire, beside its opportunity's page: /get-involved/<slug>/respond/…"""

from django.urls import re_path

from questionnaires import views

STEP = r"(?P<step>section-[0-9]{1,3}|about-you|check|done|save|resume)/"

urlpatterns = [
    re_path(r"^(?P<page_path>.+/)respond/$", views.respond, name="questionnaire_start"),
    re_path(rf"^(?P<page_path>.+/)respond/{STEP}$", views.respond, name="questionnaire_step"),
]
