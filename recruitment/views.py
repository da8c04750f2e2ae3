from django.http import HttpResponse


def requisition_list(request):
    return HttpResponse("requisitions")
