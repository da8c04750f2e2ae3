from django.urls import path

from . import jobchange_views, pdf, roster_views, self_service_views, views

app_name = "employees"
urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("roster/", roster_views.roster_list, name="roster"),
    path("roster/columns/", roster_views.roster_columns, name="roster_columns"),
    path("roster/export.xlsx", roster_views.roster_export, name="roster_export"),
    path("new/", views.employee_create, name="employee_create"),
    path("pick/", views.pick_employees, name="pick_employees"),
    path("pick/users/", views.pick_users, name="pick_users"),
    path("me/", views.my_profile, name="my_profile"),
    path("my/", self_service_views.my_overview, name="my_overview"),
    path("my/contracts/<int:contract_pk>.pdf", self_service_views.my_contract_pdf, name="my_contract_pdf"),
    path("my/documents/<int:document_pk>/", self_service_views.my_document_download, name="my_document_download"),
    path("my/contact/", self_service_views.my_contact_change, name="my_contact_change"),
    path("my/data.xlsx", self_service_views.my_data_copy, name="my_data_copy"),
    path("contact-changes/", self_service_views.contact_change_list, name="contact_change_list"),
    path("contact-changes/<int:pk>/decide/", self_service_views.contact_change_decide, name="contact_change_decide"),
    path("<int:pk>/", views.employee_detail, name="employee_detail"),
    path("<int:pk>/edit/", views.employee_edit, name="employee_edit"),
    path("<int:pk>/contracts/new/", views.contract_add, name="contract_add"),
    path("<int:pk>/contracts/<int:contract_pk>/sign/", views.contract_sign, name="contract_sign"),
    path("<int:pk>/contracts/<int:contract_pk>/not-renewed/", views.contract_not_renew, name="contract_not_renew"),
    path("<int:pk>/contracts/<int:contract_pk>/extend/", views.contract_extend, name="contract_extend"),
    path("<int:pk>/protected-periods/new/", views.protected_period_add, name="protected_period_add"),
    path("<int:pk>/documents/new/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:document_pk>/download/", views.document_download, name="document_download"),
    path("<int:pk>/salary/new/", views.salary_change_create, name="salary_change_create"),
    path("<int:pk>/job-changes/new/", jobchange_views.job_change_create, name="job_change_create"),
    path("<int:pk>/job-changes/<int:change_pk>/", jobchange_views.job_change_detail, name="job_change_detail"),
    path("<int:pk>/job-changes/<int:change_pk>/edit/", jobchange_views.job_change_edit, name="job_change_edit"),
    path("<int:pk>/salary/<int:change_pk>.pdf", pdf.salary_slip_pdf, name="salary_slip_pdf"),
    path("<int:pk>/cv.pdf", pdf.employee_cv_pdf, name="employee_cv_pdf"),
    path("<int:pk>/registration.pdf", pdf.employee_registration_pdf, name="employee_registration_pdf"),
]
