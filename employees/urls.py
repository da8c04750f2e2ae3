from django.urls import path

from . import pdf, views

app_name = "employees"
urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("me/", views.my_profile, name="my_profile"),
    path("<int:pk>/", views.employee_detail, name="employee_detail"),
    path("<int:pk>/registration.pdf", pdf.employee_registration_pdf, name="employee_registration_pdf"),
]
