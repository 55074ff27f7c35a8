"""The booking journey's addresses, beside each opportunity's page; included before Wagtail's serving."""

from django.urls import re_path

from events import views

urlpatterns = [
    re_path(r"^(?P<page_path>.+/)book/$", views.book, name="event_book"),
    re_path(r"^(?P<page_path>.+/)book/done/$", views.done, name="event_book_done"),
    re_path(r"^(?P<page_path>.+/)book/manage/$", views.manage, name="event_book_manage"),
]
