from django.urls import path

from . import views

app_name = "survey"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_edit, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("new/", views.survey_edit, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/open/", views.survey_open, name="open"),
    path("<int:pk>/close/", views.survey_close, name="close"),
    path("<int:pk>/publish/", views.survey_publish, name="publish"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/report/", views.report_edit, name="report_edit"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
]
