"""The one way to print a form (spec 10): an HTML template extending printing/base_form.html,
the shared A4 stylesheet, and WeasyPrint. Forms print in the company's language (Chinese)
whatever the reader's UI language is.

    pdf = render_pdf(template="org/pdf/job_description.html", context={"jd": jd},
                     title="岗位职位说明书", form_number="JD", approval_chain=chain_for(jd), request=request)
    return pdf_response(pdf, "岗位职位说明书-P001-v2.pdf")
"""

import functools
import threading
import unicodedata
from pathlib import Path
from urllib.parse import quote
from urllib.request import url2pathname

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from core.security import SecrecyLevel
from org.models import Company

from .fonts import font_config, font_family_css

APP_DIR = Path(__file__).resolve().parent
STYLESHEET = APP_DIR / "static" / "printing" / "print.css"
PRINT_LANGUAGE = "zh-hans"

# The marks the confidentiality regulations prescribe (密级标志), printed on classified forms.
CLASSIFICATION_MARKS = {
    SecrecyLevel.SECRET: "秘密",
    SecrecyLevel.CONFIDENTIAL: "机密",
    SecrecyLevel.TOP_SECRET: "绝密",
}

# The cached font configuration shares Pango/fontconfig objects, which WeasyPrint does not promise
# are safe to use from several threads at once (threaded dev server, gthread workers): one render
# at a time per process. Renders take a fraction of a second; processes still render in parallel.
_render_lock = threading.Lock()


def render_pdf(
    *,
    template: str,
    context: dict,
    title: str,
    form_number: str,
    classification: SecrecyLevel | None = None,
    approval_chain: list | None = None,
    request=None,
) -> bytes:
    """Render one form to PDF bytes.

    template: a template extending "printing/base_form.html" (fill `content`; override
    `signatures` only for a form without the approval signature block).
    form_number: the form's code in the company's series, e.g. "JD"; printed as
    "<company.form_prefix>-JD" (a code that already carries the prefix is printed as given).
    classification: SECRET or above prints the secrecy mark in the header and across each page.
    approval_chain: approvals.selectors.chain_for(obj); empty or None prints blank signature boxes.
    request: when given, the reader's name and the time are printed in the footer.
    """
    company = Company.get()
    marking = classification_marking(classification)
    user = getattr(request, "user", None)
    form_context = {
        **context,
        "company": company,
        "company_logo_uri": _logo_uri(company),
        "form_title": title,
        "form_number": full_form_number(company, form_number),
        "form_version": company.doc_version,
        "form_issuer": company.issuing_department,
        "form_effective_date": company.forms_effective_date,
        "classification_marking": marking,
        "approval_chain": list(approval_chain or []),
        "printed_by": str(user) if user is not None and user.is_authenticated else "",
        "printed_at": timezone.localtime(),
    }
    with translation.override(PRINT_LANGUAGE):
        html = render_to_string(template, form_context)
    with _render_lock:
        document = HTML(string=html, base_url=str(APP_DIR), url_fetcher=LocalFilesFetcher())
        return document.write_pdf(stylesheets=_stylesheets(_stylesheet_mtime()), font_config=font_config())


def pdf_response(pdf: bytes, filename: str, inline: bool = True) -> HttpResponse:
    """The PDF as a download shown in the browser. Forms hold personal data: never cached."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


def content_disposition(filename: str, *, inline: bool = True) -> str:
    """An ASCII filename for old clients plus the real (Chinese) one as RFC 6266 filename*."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(ch for ch in ascii_name if ch.isprintable() and ch not in '"\\/;').strip(" -_")
    if not ascii_name or ascii_name.startswith("."):
        ascii_name = "form.pdf"
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def classification_marking(classification: SecrecyLevel | int | None) -> str:
    """'秘密 ★' for secret and above, '' for public and internal content."""
    if classification is None or classification < SecrecyLevel.SECRET:
        return ""
    return f"{CLASSIFICATION_MARKS[SecrecyLevel(classification)]} ★"


def full_form_number(company: Company, code: str) -> str:
    prefix = company.form_prefix.strip()
    if not prefix or code.startswith(f"{prefix}-"):
        return code
    return f"{prefix}-{code}"


def _logo_uri(company: Company) -> str:
    if not company.logo:
        return ""
    try:
        path = Path(company.logo.path)
    except (NotImplementedError, ValueError):
        return ""
    return path.as_uri() if path.is_file() else ""


def _stylesheet_mtime() -> float:
    return STYLESHEET.stat().st_mtime


@functools.lru_cache(maxsize=1)
def _stylesheets(mtime: float) -> tuple[CSS, ...]:
    """Parsed once per process (again only if print.css changes on disk, e.g. while editing it)."""
    fonts = font_config()
    return (
        CSS(string=font_family_css(), font_config=fonts),
        CSS(filename=str(STYLESHEET), font_config=fonts),
    )


class LocalFilesFetcher(URLFetcher):
    """Only data: URIs and files of this app or MEDIA_ROOT (the company logo): a form never makes
    a network request, and a crafted value printed in a form cannot pull in other files."""

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"))

    def fetch(self, url, headers=None):
        if url.lower().startswith("file:"):
            path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
            allowed = (APP_DIR, Path(settings.MEDIA_ROOT).resolve())
            if not any(path.is_relative_to(root) for root in allowed):
                raise ValueError(f"Printed forms do not load {url!r}")
        return super().fetch(url, headers)
