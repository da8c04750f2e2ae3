"""The admin's imports within the same limits as every import path; a file too big for a request is refused with
a pointer to the HR page, where it is checked and imported in the background. Import jobs are listed read-only."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .files import check_rows, check_size
from .kinds import kind_for_model
from .models import ImportJob
from .selectors import import_jobs_visible_to


def _limited(format_class, model):
    """The format, refusing a file over the size or row limit, or too big for the admin's own request."""

    class Limited(format_class):
        def create_dataset(self, in_stream, **kwargs):
            check_size(len(in_stream or b""))
            dataset = super().create_dataset(in_stream, **kwargs)
            check_rows(len(dataset))
            limit = settings.HRMS_IMPORT_BACKGROUND_ROWS
            if len(dataset) > limit:
                kind = kind_for_model(model)
                where = kind.start_url() if kind else ""
                raise ValidationError(
                    _(
                        "The file has %(rows)s rows; here a file takes at most %(limit)s. "
                        "Import it from the HR import page, which runs it in the background: %(url)s"
                    )
                    % {"rows": len(dataset), "limit": limit, "url": where},
                    code="import_too_big_for_admin",
                )
            return dataset

    Limited.__name__ = format_class.__name__
    Limited.__qualname__ = format_class.__qualname__
    return Limited


class ImportLimitsAdminMixin:
    """For ImportExportModelAdmin (with SpreadsheetAdminMixin, which shows the refusal in words)."""

    def get_import_formats(self):
        return [_limited(format_class, self.model) for format_class in super().get_import_formats()]

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ValidationError):
            form.add_error("import_file", e)  # the error itself: its words and its code
        else:
            super().add_data_read_fail_error_to_form(form, e)


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("file_name", "kind", "created_by", "status", "total_rows", "created_at")
    list_filter = ("kind", "status")
    list_select_related = ("created_by",)
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def get_queryset(self, request):
        return import_jobs_visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
