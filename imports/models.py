"""An import of a spreadsheet that runs in the background: who started it, what it imports, the file (private
storage), where it stands and what came out (the dry run's problems or the commit's totals)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from employees.models import private_storage


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be checked")
        CHECKING = "checking", _("Checking the rows")
        INVALID = "invalid", _("Problems found: nothing imported")
        READY = "ready", _("Checked: ready to import")
        COMMIT_QUEUED = "commit_queued", _("Waiting to be imported")
        COMMITTING = "committing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Stopped: nothing imported")

    RUNNING = frozenset({Status.QUEUED, Status.CHECKING, Status.COMMIT_QUEUED, Status.COMMITTING})

    kind = models.CharField(_("kind"), max_length=32)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="import_jobs", verbose_name=_("started by")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="imports_job_owner_idx")]

    def __str__(self):
        return f"{self.kind} · {self.file_name}"

    def get_absolute_url(self):
        return reverse("imports:job_detail", args=[self.pk])

    @property
    def kind_label(self):
        from .kinds import KINDS

        kind = KINDS.get(self.kind)
        return kind.label if kind else self.kind

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING
