from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<slug:code>/", views.report_detail, name="report_detail"),
    path("<slug:code>/export.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<slug:code>/print.pdf", views.report_pdf, name="report_pdf"),
]
