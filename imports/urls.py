from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/commit/", views.job_commit, name="job_commit"),
    path("<slug:kind>/new/", views.import_start, name="start"),
]
