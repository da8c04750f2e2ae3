"""Private files (personnel documents, training materials, certificates …) leave the app only here: opened or
404, always as an attachment, never sniffed, never cached. The caller checks permission first."""

from collections.abc import Callable

from django.http import FileResponse, Http404


def private_download(field, *, filename: str, content_type: str | None = None, log: Callable[[], None] | None = None):
    """The file of `field` as a download; `log` (the access log) runs once the file is known to exist."""
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: the field holds no file
        raise Http404 from None
    if log is not None:
        log()
    response = FileResponse(handle, as_attachment=True, filename=filename or "file", content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
