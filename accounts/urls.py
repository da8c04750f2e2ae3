from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.login_list, name="login_list"),
    path("new/", views.login_create, name="login_create"),
    path("<int:pk>/", views.login_detail, name="login_detail"),
    path("<int:pk>/access/", views.login_access, name="login_access"),
    path("<int:pk>/active/", views.login_set_active, name="login_set_active"),
    path("<int:pk>/reset-password/", views.login_reset_password, name="login_reset_password"),
    path("<int:pk>/reset-two-factor/", views.login_reset_two_factor, name="login_reset_two_factor"),
    path("lockouts/", views.lockout_list, name="lockout_list"),
    path("lockouts/lift/", views.lockout_lift, name="lockout_lift"),
]
