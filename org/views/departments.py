from django.http import HttpResponse


def department_list(request):
    return HttpResponse("departments")


def department_detail(request, pk):
    return HttpResponse("department")
