from django.http import HttpResponse


def department_list(request):
    return HttpResponse("departments")


def department_detail(request, pk):
    return HttpResponse("department")


def position_list(request):
    return HttpResponse("positions")


def position_detail(request, pk):
    return HttpResponse("position")
