"""Django's login pages under /accounts/ (names unnamespaced, as Django's), with our password-change view (it
clears a temporary password's flag) and the second-factor page."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("", include("django.contrib.auth.urls")),
]
