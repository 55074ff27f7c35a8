"""Public addresses that are not pages."""

from django.urls import path

from public_site import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
