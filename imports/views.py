"""The import pages: upload a file, follow its job (a progress bar that refreshes itself), read the dry run's
problems and, when every row is valid, import it. A job is found only by the one who started it and by HR
managers (404 for anyone else)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from core.forms import apply_errors
from core.pagination import IdPaginator

from . import policies, services
from .forms import ImportUploadForm
from .kinds import KINDS
from .progress import rows_done
from .selectors import import_jobs_visible_to


def import_start(request, kind):
    if kind not in KINDS or KINDS[kind].start_url_name != "imports:start":
        raise Http404
    policies.can_start(request.user, kind).enforce()
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_start(kind=kind, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(job)
    limits = {
        "background": settings.HRMS_IMPORT_BACKGROUND_ROWS,
        "max_rows": settings.HRMS_IMPORT_MAX_ROWS,
        "max_bytes": settings.HRMS_IMPORT_MAX_BYTES,
    }
    return render(request, "imports/import_start.html", {"form": form, "kind": KINDS[kind], "limits": limits})


@require_GET
def job_list(request):
    jobs = import_jobs_visible_to(request.user)
    if not jobs.exists() and not any(policies.can_start(request.user, code) for code in KINDS):
        raise PermissionDenied
    page = IdPaginator(jobs, 30).get_page(request.GET.get("page"))
    return render(request, "imports/job_list.html", {"page_obj": page, "kinds": KINDS})


def _job_context(request, pk):
    job = get_object_or_404(import_jobs_visible_to(request.user), pk=pk)
    total = job.total_rows or 0
    done = rows_done(job)
    return {
        "job": job,
        "kind": KINDS.get(job.kind),
        "rows_done": done,
        "percent": int(done * 100 / total) if total else 0,
        "can_commit": policies.can_commit(request.user, job),
    }


@require_GET
def job_detail(request, pk):
    return render(request, "imports/job_detail.html", _job_context(request, pk))


@require_GET
def job_progress(request, pk):
    """The progress bar alone, polled by htmx; once the job stops running the whole page is reloaded."""
    context = _job_context(request, pk)
    if request.htmx and not context["job"].is_running:
        return HttpResponseClientRefresh()
    return render(request, "imports/partials/job_progress.html", context)


@require_POST
def job_commit(request, pk):
    job = get_object_or_404(import_jobs_visible_to(request.user), pk=pk)
    try:
        job = services.import_job_commit(job=job, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(job)
    if job.status == job.Status.DONE:
        messages.success(request, _("%(n)s rows imported.") % {"n": job.total_rows})
    return redirect(job)
