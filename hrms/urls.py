from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

admin.site.site_header = "HRMS"
admin.site.site_title = "HRMS"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("core.urls")),
    path("org/", include("org.urls")),
    path("people/", include("employees.urls")),
    path("approvals/", include("approvals.urls")),
    path("notifications/", include("notifications.urls")),
    path("forms/", include("printing.urls")),
    path("recruitment/", include("recruitment.urls")),
    path("onboarding/", include("onboarding.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
