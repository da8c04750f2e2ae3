from django.urls import path

from . import views

app_name = "employees"
urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("me/", views.my_profile, name="my_profile"),
    path("<int:pk>/", views.employee_detail, name="employee_detail"),
]
