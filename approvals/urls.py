from django.urls import path

from . import views

app_name = "approvals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("steps/<int:pk>/", views.decide, name="decide"),
    path("requests/", views.my_requests, name="my_requests"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("delegations/", views.delegations, name="delegations"),
    path("delegations/pick/", views.pick_delegates, name="pick_delegates"),
    path("delegations/<int:pk>/end/", views.delegation_end, name="delegation_end"),
]
