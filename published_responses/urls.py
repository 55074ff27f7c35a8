"""The published responses, beside their opportunity's page: /get-involved/<slug>/responses/"""

from django.urls import re_path

from published_responses import views

urlpatterns = [
    re_path(r"^(?P<page_path>.+/)responses/$", views.published_responses, name="published_responses"),
]
