from django.urls import path

from . import pdf, views

app_name = "performance"

urlpatterns = [
    path("", views.sheet_list, name="sheet_list"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("sheets/<int:pk>/goals/", views.sheet_goals, name="sheet_goals"),
    path("sheets/<int:pk>/self/", views.sheet_self, name="sheet_self"),
    path("sheets/<int:pk>/score/", views.sheet_score, name="sheet_score"),
    path("sheets/<int:pk>/interview/", views.sheet_interview, name="sheet_interview"),
    path("sheets/<int:pk>/acknowledge/", views.sheet_acknowledge, name="sheet_acknowledge"),
    path("sheets/<int:pk>/calibrate/", views.sheet_calibrate, name="sheet_calibrate"),
    path("sheets/<int:pk>/release/", views.sheet_release, name="sheet_release"),
    path("sheets/<int:pk>/amend/", views.sheet_amend, name="sheet_amend"),
    path("sheets/<int:pk>/peers/", views.sheet_peers, name="sheet_peers"),
    path("sheets/<int:pk>/consequences/", views.sheet_consequences, name="sheet_consequences"),
    path("sheets/<int:pk>/sheet.pdf", pdf.sheet_pdf, name="sheet_pdf"),
    path("sheets/<int:pk>/plan/new/", views.plan_create, name="plan_create"),
    path("sheets/<int:pk>/plan/", views.plan_detail, name="plan_detail"),
    path("sheets/<int:pk>/plan/training/", views.plan_training, name="plan_training"),
    path("sheets/<int:pk>/plan.pdf", pdf.plan_pdf, name="plan_pdf"),
    path("peer/", views.peer_list, name="peer_list"),
    path("peer/<int:pk>/", views.peer_answer, name="peer_answer"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_edit, name="template_create"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/new-version/", views.template_edit, name="template_version"),
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/new/", views.cycle_edit, name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/edit/", views.cycle_edit, name="cycle_edit"),
    path("cycles/<int:pk>/open/", views.cycle_open, name="cycle_open"),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle_close"),
    path("cycles/<int:pk>/summary/", views.cycle_summary, name="cycle_summary"),
    path("cycles/<int:pk>/summary.pdf", views.cycle_summary_pdf, name="cycle_summary_pdf"),
    path("cycles/<int:pk>/export.xlsx", views.cycle_export, name="cycle_export"),
    path("grades/", views.grade_table, name="grade_table"),
]
