from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core import views as core_views

admin.site.site_header = "HRMS"
admin.site.site_title = "HRMS"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.auth_urls")),
    path("logins/", include("accounts.urls")),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("", include("core.urls")),
    path("org/", include("org.urls")),
    path("people/", include("employees.urls")),
    path("approvals/", include("approvals.urls")),
    path("notifications/", include("notifications.urls")),
    path("forms/", include("printing.urls")),
    path("recruitment/", include("recruitment.urls")),
    path("onboarding/", include("onboarding.urls")),
    path("audit/", include("audit.urls")),
    path("retention/", include("retention.urls")),
    path("imports/", include("imports.urls")),
    path("confidentiality/", include("confidentiality.urls")),
    path("confidentiality/oversight/", include("confidentiality.oversight.urls")),
    path("training/", include("training.urls")),
    path("performance/", include("performance.urls")),
    path("survey/", include("performance.survey.urls")),
    path("offboarding/", include("offboarding.urls")),
    path("reports/", include("reports.urls")),
    path("integrations/", include("integrations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
