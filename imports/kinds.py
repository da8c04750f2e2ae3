"""The kinds of import the one background mechanism runs. Each says who may start it, how its file is read
(columns checked) and how its rows are checked or written; the job, its task and its pages are the same for all.

A kind's `run(dataset=…, by=…, dry_run=…, on_row=…)` returns an ImportReport; with dry_run=False it writes
nothing unless every row is valid (one transaction)."""

from collections.abc import Callable
from dataclasses import dataclass

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.policy import ALLOW, Verdict, deny

from .files import read_spreadsheet
from .reports import ImportReport, count_rows, report_from_result


@dataclass(frozen=True)
class ImportKind:
    code: str
    label: Promise
    model: str  # app_label.model_name: the admin import of this model hands big files to this kind
    may_start: Callable[..., Verdict]
    run: Callable[..., ImportReport]
    read: Callable[..., tablib.Dataset] = read_spreadsheet
    list_url_name: str = ""
    start_url_name: str = "imports:start"

    def start_url(self) -> str:
        if self.start_url_name == "imports:start":
            return reverse("imports:start", args=[self.code])
        return reverse(self.start_url_name)


def resource_import(*, resource, dataset, dry_run: bool, on_row=None, column_labels=None) -> ImportReport:
    """Check or write the rows through a django-import-export resource, all or nothing."""
    count_rows(resource, on_row)
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=dry_run, use_transactions=True, raise_errors=False, rollback_on_validation_errors=True
        )
        report = report_from_result(result, len(dataset), column_labels=column_labels)
        if dry_run or not report.ok:
            transaction.set_rollback(True)
            return report
        report.written = True
        report.totals = {key: int(value) for key, value in result.totals.items() if value}
        return report


def resource_reader(resource_path: str, *, prepare: str = "", labels: str = "") -> Callable[..., tablib.Dataset]:
    """Read the file and check its column titles against the resource: the key column there, no unknown column
    (a misspelt title would otherwise be ignored, and its values silently lost).

    `prepare`: the dotted path of a function turning the file's titles and values (a roster's 工号, 男, 本科)
    into the resource's keys and codes first; `labels`: of one giving each key's title, to name columns in words."""

    def read(upload) -> tablib.Dataset:
        dataset = read_spreadsheet(upload)
        if prepare:
            dataset = import_string(prepare)(dataset)
        titles = import_string(labels)() if labels else {}
        resource = import_string(resource_path)()
        known = [field.column_name for field in resource.get_import_fields()]
        required = [resource.fields[name].column_name for name in resource._meta.import_id_fields]
        missing = [column for column in required if column not in dataset.headers]
        if missing:
            raise ValidationError(
                gettext("Missing column(s): %(cols)s.") % {"cols": ", ".join(titles.get(c, c) for c in missing)},
                code="import_missing_columns",
            )
        unknown = [header for header in dataset.headers if header and header not in known]
        if unknown:
            raise ValidationError(
                gettext("Unknown column(s): %(cols)s. The columns are: %(known)s.")
                % {"cols": ", ".join(unknown), "known": ", ".join(titles.get(c, c) for c in known)},
                code="import_unknown_columns",
            )
        return dataset

    return read


# --- the kinds ----------------------------------------------------------------------------------------------


def _may_import_organisation(user) -> Verdict:
    # As the department and position pages: HR staff create and edit them.
    if not user.is_hr:
        return deny("import_not_allowed", _("Only HR staff import departments and positions."))
    return ALLOW


def _may_import_employees(user) -> Verdict:
    # The file carries ID numbers and salaries: secret data (spec 01/08).
    if not user.is_hr or not user.sees_secret_hr_data:
        return deny("import_not_allowed", _("Only HR staff cleared for secret data import employees."))
    return ALLOW


def _may_import_candidates(user) -> Verdict:
    if not user.is_hr:
        return deny("import_not_allowed", _("Only HR staff import candidates."))
    return ALLOW


def _lazy(path: str) -> Callable:
    """The function at `path`, imported when first called (the apps' modules import this one)."""

    def call(*args, **kwargs):
        return import_string(path)(*args, **kwargs)

    return call


def _resource_runner(resource_path: str, *, labels: str) -> Callable[..., ImportReport]:
    """Check or write the rows through the resource at `resource_path`, problems named by the `labels` columns."""

    def run(*, dataset, by, dry_run, on_row=None):
        return resource_import(
            resource=import_string(resource_path)(user=by),
            dataset=dataset,
            dry_run=dry_run,
            on_row=on_row,
            column_labels=import_string(labels)(),
        )

    return run


KINDS: dict[str, ImportKind] = {
    kind.code: kind
    for kind in (
        ImportKind(
            code="employees",
            label=_("Employees"),
            model="employees.employee",
            may_start=_may_import_employees,
            run=_resource_runner("employees.resources.EmployeeResource", labels="employees.roster.column_labels"),
            read=resource_reader(
                "employees.resources.EmployeeResource",
                prepare="employees.roster.dataset_from_roster",
                labels="employees.roster.column_labels",
            ),
            list_url_name="employees:employee_list",
        ),
        ImportKind(
            code="departments",
            label=_("Departments"),
            model="org.department",
            may_start=_may_import_organisation,
            run=_resource_runner("org.resources.DepartmentResource", labels="org.resources.department_labels"),
            read=resource_reader(
                "org.resources.DepartmentResource",
                prepare="org.resources.departments_from_labels",
                labels="org.resources.department_labels",
            ),
            list_url_name="org:department_list",
        ),
        ImportKind(
            code="positions",
            label=_("Positions"),
            model="org.position",
            may_start=_may_import_organisation,
            run=_resource_runner("org.resources.PositionResource", labels="org.resources.position_labels"),
            read=resource_reader(
                "org.resources.PositionResource",
                prepare="org.resources.positions_from_labels",
                labels="org.resources.position_labels",
            ),
            list_url_name="org:position_list",
        ),
        ImportKind(
            code="candidates",
            label=_("Candidates"),
            model="recruitment.candidate",
            may_start=_may_import_candidates,
            run=_lazy("recruitment.services.imports.candidates_import"),
            read=_lazy("recruitment.services.imports.dataset_from_upload"),
            list_url_name="recruitment:candidate_list",
            start_url_name="recruitment:candidate_import",
        ),
        ImportKind(
            code="kpi_values",
            label=_("KPI actual values and scores"),
            model="performance.sheetitem",
            may_start=_lazy("performance.imports.may_start"),
            run=_lazy("performance.imports.run"),
            read=_lazy("performance.imports.read"),
            list_url_name="performance:sheet_list",
        ),
        ImportKind(
            code="training_scores",
            label=_("Training assessment scores"),
            model="training.participant",
            may_start=_lazy("training.policies.can_manage"),
            run=_lazy("training.imports.scores_import"),
            read=_lazy("training.imports.read_scores"),
            list_url_name="training:session_list",
        ),
    )
}


def kind_for_model(model) -> ImportKind | None:
    label = model._meta.label_lower
    return next((kind for kind in KINDS.values() if kind.model == label), None)
