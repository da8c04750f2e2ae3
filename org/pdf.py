from django.http import Http404


def job_description_pdf(request, pk):
    raise Http404
