from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:record_type>/", views.review, name="review"),
    path("<slug:record_type>/confirm/", views.confirm, name="confirm"),
]
