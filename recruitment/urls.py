from django.urls import path

from . import views

app_name = "recruitment"
urlpatterns = [
    path("requisitions/", views.requisition_list, name="requisition_list"),
]
