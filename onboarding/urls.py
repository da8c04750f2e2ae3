from django.urls import path

from . import pdf, views

app_name = "onboarding"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("mine/", views.my_case, name="my_case"),
    path("employee/<int:employee_pk>/", views.employee_case, name="employee_case"),
    path("start/<int:employee_pk>/", views.case_start, name="case_start"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/refresh/", views.case_refresh, name="case_refresh"),
    path("<int:pk>/tasks/<int:task_pk>/done/", views.task_complete, name="task_complete"),
    path("<int:pk>/review/", views.review_create, name="review_create"),
    path("<int:pk>/self-report/", views.self_report, name="self_report"),
    path("<int:pk>/extend/", views.probation_extend, name="probation_extend"),
    path("<int:pk>/conversion/", views.conversion_create, name="conversion_create"),
    path("<int:pk>/terminate/", views.probation_terminate, name="probation_terminate"),
    path("<int:pk>/contract/", views.contract_record, name="contract_record"),
    path("<int:pk>/registration/", views.registration_review, name="registration_review"),
    path("<int:pk>/registration/send/", views.registration_send, name="registration_send"),
    path("register/<str:token>/", views.register, name="register"),
    path("<int:pk>/safety-education/", views.safety_education_record, name="safety_education_record"),
    path("<int:pk>/terminations/<int:termination_pk>.pdf", pdf.termination_pdf, name="termination_pdf"),
    path("<int:pk>/reviews/<int:review_pk>.pdf", pdf.review_pdf, name="review_pdf"),
    path("<int:pk>/self-report.pdf", pdf.self_report_pdf, name="self_report_pdf"),
    path("<int:pk>/conversions/<int:conversion_pk>.pdf", pdf.conversion_pdf, name="conversion_pdf"),
    path("<int:pk>/conversions/<int:conversion_pk>/salary-slip.pdf", pdf.salary_slip_pdf, name="salary_slip_pdf"),
]
