from django.urls import path

from . import pdf
from .views import applications, candidates, interviews, offers, requisitions

app_name = "recruitment"
urlpatterns = [
    path("requisitions/", requisitions.requisition_list, name="requisition_list"),
    path("requisitions/new/", requisitions.requisition_create, name="requisition_create"),
    path("requisitions/headcount/", requisitions.headcount_panel, name="headcount_panel"),
    path("requisitions/<int:pk>/", requisitions.requisition_detail, name="requisition_detail"),
    path("requisitions/<int:pk>/edit/", requisitions.requisition_update, name="requisition_update"),
    path("requisitions/<int:pk>/submit/", requisitions.requisition_submit, name="requisition_submit"),
    path("requisitions/<int:pk>/withdraw/", requisitions.requisition_withdraw, name="requisition_withdraw"),
    path("requisitions/<int:pk>/cancel/", requisitions.requisition_cancel, name="requisition_cancel"),
    path("requisitions/<int:pk>/plan/", requisitions.plan_edit, name="plan_edit"),
    path("requisitions/<int:pk>/board/", applications.requisition_board, name="requisition_board"),
    path("requisitions/<int:pk>/pdf/", pdf.requisition_pdf, name="requisition_pdf"),
    path("channels/", requisitions.channel_report_view, name="channel_report"),
    path("candidates/", candidates.candidate_list, name="candidate_list"),
    path("candidates/new/", candidates.candidate_create, name="candidate_create"),
    path("candidates/import/", candidates.candidate_import, name="candidate_import"),
    path("candidates/import/template.csv", candidates.candidate_import_template, name="candidate_import_template"),
    path("candidates/<int:pk>/", candidates.candidate_detail, name="candidate_detail"),
    path("candidates/<int:pk>/edit/", candidates.candidate_update, name="candidate_update"),
    path("candidates/<int:pk>/resume/", candidates.candidate_resume, name="candidate_resume"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/new/", applications.application_create, name="application_create"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", applications.application_move, name="application_move"),
    path("applications/<int:pk>/advance/", applications.application_advance, name="application_advance"),
    path("applications/<int:pk>/interviews/new/", interviews.interview_create, name="interview_create"),
    path("applications/<int:pk>/evaluations/pdf/", pdf.evaluation_pdf, name="evaluation_pdf"),
    path("applications/<int:pk>/offer/", offers.offer_edit, name="offer_edit"),
    path("applications/<int:pk>/offer/submit/", offers.offer_submit, name="offer_submit"),
    path("applications/<int:pk>/offer/withdraw/", offers.offer_withdraw, name="offer_withdraw"),
    path("applications/<int:pk>/offer/accept/", offers.offer_accept, name="offer_accept"),
    path("applications/<int:pk>/offer/decline/", offers.offer_decline, name="offer_decline"),
    path("applications/<int:pk>/offer/pdf/", pdf.offer_pdf, name="offer_pdf"),
    path("interviews/<int:pk>/evaluate/", interviews.evaluation_create, name="evaluation_create"),
    path("interviews/<int:pk>/cancel/", interviews.interview_cancel, name="interview_cancel"),
    path("interviews/<int:pk>/ics/", interviews.interview_ics, name="interview_ics"),
]
