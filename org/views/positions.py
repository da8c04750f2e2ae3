from django.http import HttpResponse


def position_list(request):
    return HttpResponse("positions")


def position_detail(request, pk):
    return HttpResponse("position")
