from django.urls import path

from . import pdf, report, views

app_name = "offboarding"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("mine/", views.mine, name="mine"),
    path("resign/", views.resign, name="resign"),
    path("resign/paper/", views.resign_on_paper, name="resign_on_paper"),
    path("decide/", views.decide, name="decide"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<int:item_pk>/", views.tick, name="tick"),
    path("report/", report.turnover, name="report"),
    path("report.xlsx", report.turnover_xlsx, name="report_xlsx"),
    path("employee/<int:employee_pk>/", views.employee_cases, name="employee_cases"),
    path("employee/<int:employee_pk>/terms/", views.terms, name="terms"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("<int:pk>/off-classified/", views.off_classified, name="off_classified"),
    path("<int:pk>/interview/", views.interview, name="interview"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/noncompete/", views.noncompete, name="noncompete"),
    path("<int:pk>/rehire/", views.rehire, name="rehire"),
    path("<int:pk>/notice.pdf", pdf.notice_pdf, name="notice_pdf"),
    path("<int:pk>/handover.pdf", pdf.handover_pdf, name="handover_pdf"),
    path("<int:pk>/certificate.pdf", pdf.certificate_pdf, name="certificate_pdf"),
    path("<int:pk>/interview.pdf", pdf.interview_pdf, name="interview_pdf"),
]
