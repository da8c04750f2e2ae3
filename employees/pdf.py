from django.http import Http404


def employee_registration_pdf(request, pk):
    raise Http404
