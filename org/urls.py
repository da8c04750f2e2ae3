from django.urls import path

from . import pdf
from .views import departments, exports, positions

app_name = "org"
urlpatterns = [
    path("departments/", departments.department_list, name="department_list"),
    path("chart/", departments.org_chart, name="org_chart"),
    path("chart.pdf", departments.org_chart_pdf, name="org_chart_pdf"),
    path("departments/export.xlsx", exports.department_export, name="department_export"),
    path("positions/export.xlsx", exports.position_export, name="position_export"),
    path("departments/new/", departments.department_create, name="department_create"),
    path("departments/<int:pk>/", departments.department_detail, name="department_detail"),
    path("departments/<int:pk>/edit/", departments.department_edit, name="department_edit"),
    path("positions/", positions.position_list, name="position_list"),
    path("positions/pick/", positions.pick_positions, name="pick_positions"),
    path("positions/new/", positions.position_create, name="position_create"),
    path("positions/<int:pk>/", positions.position_detail, name="position_detail"),
    path("positions/<int:pk>/job-description/", positions.job_description_edit, name="job_description_edit"),
    path("positions/<int:pk>/special-post/", positions.position_special, name="position_special"),
    path("job-descriptions/<int:pk>/pdf/", pdf.job_description_pdf, name="job_description_pdf"),
]
