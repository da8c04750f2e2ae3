from django.http import HttpResponse


def employee_list(request):
    return HttpResponse("employees")


def my_profile(request):
    return HttpResponse("me")


def employee_detail(request, pk):
    return HttpResponse("employee")
