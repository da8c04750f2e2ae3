from django.urls import path

from . import pdf
from .views import departments, positions

app_name = "org"
urlpatterns = [
    path("departments/", departments.department_list, name="department_list"),
    path("departments/<int:pk>/", departments.department_detail, name="department_detail"),
    path("positions/", positions.position_list, name="position_list"),
    path("positions/<int:pk>/", positions.position_detail, name="position_detail"),
    path("job-descriptions/<int:pk>/pdf/", pdf.job_description_pdf, name="job_description_pdf"),
]
