"""/alerts/: subscribe, check your email, confirm and unsubscribe."""

from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("confirm/<str:token>/", views.confirm_view, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
