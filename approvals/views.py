from django.shortcuts import render


def inbox(request):
    return render(request, "approvals/inbox.html", {})
