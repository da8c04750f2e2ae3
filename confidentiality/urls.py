from django.urls import path

from . import pdf, views

app_name = "confidentiality"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("<int:pk>/upload/", views.document_upload, name="document_upload"),
    path("<int:pk>/file/", views.document_file, name="document_file"),
    path("<int:pk>/extend/", views.document_extend, name="document_extend"),
    path("<int:pk>/reproduce/", views.reproduction_create, name="reproduction_create"),
    path("<int:pk>/disclose/", views.disclosure_create, name="disclosure_create"),
    path("<int:pk>/register.pdf", pdf.distribution_register_pdf, name="distribution_register_pdf"),
    path("copies/<int:pk>/issue/", views.copy_issue, name="copy_issue"),
    path("copies/<int:pk>/return/", views.copy_return, name="copy_return"),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<int:pk>/acknowledge/", views.issue_acknowledge, name="issue_acknowledge"),
    path("mine/", views.my_copies, name="my_copies"),
    path("access/", views.access_request_list, name="access_request_list"),
    path("access/new/", views.access_request_create, name="access_request_create"),
    path("access/<int:pk>/", views.access_request_detail, name="access_request_detail"),
    path("access/<int:pk>/form.pdf", pdf.access_request_pdf, name="access_request_pdf"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("reproductions/<int:pk>/", views.reproduction_detail, name="reproduction_detail"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path("destruction/", views.destruction_list, name="destruction_list"),
    path("destruction/register.pdf", pdf.destruction_register_pdf, name="destruction_register_pdf"),
    path("destruction/<int:pk>/", views.destruction_record, name="destruction_record"),
    path("handovers/", views.handover_list, name="handover_list"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("log/", views.access_log_page, name="access_log"),
    path("log/export/", views.access_log_export, name="access_log_export"),
    path("pick/people/", views.pick_people, name="pick_people"),
    path("pick/documents/", views.pick_documents, name="pick_documents"),
]
