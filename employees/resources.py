"""Import/export of employees (django-import-export). Department and position by code, manager by number;
re-import updates by employee number. Secret columns (ID number, salary) only for users cleared for them.

Imports of thousands of rows: the lookups are loaded once per import (`before_import`), not per row: departments
and positions by code, managers by number, existing employees by number (`CachedInstanceLoader`), and the
taken employee and ID numbers for the uniqueness checks. The model's own validation (`full_clean`) still runs
for every row, without its per-row existence and uniqueness queries, which the loaded lookups answer (so the
dry run still reports each row's errors). Valid rows are saved in batches (`use_bulk`); as bulk writes bypass
django-auditlog's signals, each committed batch writes the same audit entries itself, one per created or changed
employee, with the same changes (ID number masked), actor and remote address as the signals would have (a dry
run, rolled back anyway, skips them; on PostgreSQL they are written with one COPY per batch). The preview's row
diff is import-export's own HTML, built without diff_match_patch for new rows (`ImportDiff`).
"""

from copy import deepcopy

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import get_field_value, get_mask_function, is_primitive, model_instance_diff, track_field
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connections, models
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import force_str, smart_str
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.instance_loaders import CachedInstanceLoader

from org.models import Department, Position
from org.resources import CodeForeignKeyWidget, ScopedExportMixin

from . import policies
from .models import EMPLOYEE_RECORD_FIELDS, Employee, LabourContract
from .selectors import employees_visible_to

SECRET_COLUMNS = frozenset({"id_number", "base_salary"})
# Set on an existing employee only through their own flows, not by re-importing the spreadsheet.
IMPORT_OWN_FLOW_FIELDS = ("department", "position", "status", "separated_on", "base_salary")


class CachedCodeForeignKeyWidget(CodeForeignKeyWidget):
    """A foreign key by code, answered from a dict the resource loads before the import.

    A value missing from the dict is looked up in the database as before (a row error when it is not there
    either), so a manager created by an earlier row of the same file is still found.
    """

    def __init__(self, model, field):
        super().__init__(model, field=field)
        self.cache: dict | None = None

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        if self.cache is not None:
            key = str(value).strip()
            found = self.cache.get(key)
            if isinstance(found, int):  # a bare primary key: the row needs only a reference
                found = self.cache[key] = self.model(pk=found, **{self.field: key})
            if found is not None:
                return found
        return super().get_instance_by_lookup_fields(value, row, **kwargs)


def created_changes(instance, plan=None) -> dict | None:
    """`auditlog.diff.model_instance_diff(None, instance)`, the changes of a created row, for many rows.

    The same fields, values and masking, without recomputing the field list and the "before" side (always
    None for a created row) for every row: `plan` (from `_created_plan`) is worked out once per batch.
    `test_resources` checks it against auditlog's function.
    """
    if plan is None:
        plan = _created_plan(type(instance))
    use_json, mask, before, before_str, steps = plan
    diff = {}
    for name, attname, how, field, masked in steps:
        # auditlog's `get_field_value`, with its type tests worked out once in the plan.
        if how is _FOREIGN_KEY:
            value = smart_str(getattr(instance, attname), strings_only=True)
        elif how is _PLAIN:
            try:
                value = getattr(instance, attname)
            except (ObjectDoesNotExist, AttributeError):
                value = get_field_value(instance, field, use_json)  # its default value
            else:
                if not use_json:
                    value = smart_str(value)
                    if type(value).__name__ == "__proxy__":
                        value = str(value)
        else:
            value = get_field_value(instance, field, use_json)
        if value == before:
            continue
        if masked:
            diff[name] = (mask(before_str), mask(smart_str(value)))
        elif not use_json:
            diff[name] = (before_str, smart_str(value))
        else:
            diff[name] = (before, value if is_primitive(value) else smart_str(value))
    return diff or None


def _tracked_fields(model) -> list:
    """The fields auditlog diffs for a created row of `model` (its include / exclude options applied)."""
    fields = [f for f in model._meta.get_fields() if track_field(f)]
    options = auditlog.get_model_fields(model)
    if options["include_fields"]:
        fields = [f for f in fields if f.name in options["include_fields"]]
    if options["exclude_fields"]:
        fields = [f for f in fields if f.name not in options["exclude_fields"]]
    return fields


_FOREIGN_KEY, _PLAIN, _OWN = object(), object(), object()


def _created_plan(model) -> tuple:
    """What `created_changes` needs for each row of `model`: settings, mask and, per tracked field, which
    branch of auditlog's `get_field_value` reads it (a foreign key's id, the attribute, or its own code)."""
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    model_fields = auditlog.get_model_fields(model)
    mask = get_mask_function(model_fields.get("mask_callable"))
    before = None if use_json else smart_str(None)
    steps = []
    for field in _tracked_fields(model):
        if isinstance(field, models.DateTimeField | models.JSONField):
            how, attname = _OWN, field.name
        elif (
            not settings.AUDITLOG_USE_FK_STRING_REPRESENTATION
            and (field.one_to_one or field.many_to_one)
            and hasattr(field, "rel_class")
        ):
            how, attname = _FOREIGN_KEY, field.get_attname()
        else:  # auditlog's last branch: the attribute (a reverse relation's manager or object, too)
            how, attname = _PLAIN, field.name
        steps.append((field.name, attname, how, field, field.name in model_fields["mask_fields"]))
    return use_json, mask, before, smart_str(before), steps


def log_bulk_changes(pairs, action) -> None:
    """The audit entries django-auditlog's save signals would have written for these (old, new) instances.

    `pairs` are (old, new): old is None for a created row. An update with no change writes nothing (as the
    signal). One statement for the whole batch.
    """
    if auditlog_disabled.get(False):
        return
    content_type = ContentType.objects.get_for_model(Employee)
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    plan = _created_plan(Employee)
    entries = []
    for old, new in pairs:
        if old is None:
            changes = created_changes(new, plan)
        else:
            changes = model_instance_diff(old, new, use_json_for_changes=use_json)
        if not changes and action != LogEntry.Action.CREATE:
            continue
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(new.pk),
                object_id=new.pk,
                object_repr=smart_str(new),
                serialized_data=LogEntry.objects._get_serialized_data_or_none(new),
                action=action,
                changes=changes,
                cid=get_cid(),
            )
        )
    for entry in entries:
        # What LogEntry.save() would send: django-auditlog's receiver fills in the actor, their e-mail and
        # the remote address of the request being served (and nothing outside a request).
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=LogEntry.objects.db, update_fields=None)
    now = timezone.now()
    for entry in entries:
        entry.timestamp = now
    _insert_entries(entries)


def _insert_entries(entries: list) -> None:
    """Write these audit entries in one statement: `COPY` on PostgreSQL (a quarter of the time of an INSERT of
    10,000 rows of JSON changes), `bulk_create` elsewhere. Part of the caller's transaction either way."""
    if not entries:
        return
    connection = connections[LogEntry.objects.db]
    columns = [f for f in LogEntry._meta.concrete_fields if not f.primary_key]
    names = ", ".join(connection.ops.quote_name(f.column) for f in columns)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql" or not hasattr(cursor.cursor, "copy"):  # COPY: psycopg 3 only
            LogEntry.objects.bulk_create(entries)
            return
        with cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(LogEntry._meta.db_table)} ({names}) FROM STDIN"
        ) as copy:
            for entry in entries:
                # The values bulk_create would send: each field's pre_save and database preparation.
                copy.write_row([f.get_db_prep_save(f.pre_save(entry, True), connection) for f in columns])


class ImportDiff(resources.Diff):
    """The preview's row diff (import-export's `Diff`), the same HTML made cheaper for new rows.

    A new row's "before" side is a blank instance, the same for every row: read once per import (when no
    imported column has a computed default). And a new row's diff needs no diff_match_patch: each value is
    either unchanged from the blank instance (`<span>`), inserted (`<ins>`) or empty, exactly what
    `Diff.as_html` builds through it.
    """

    def __init__(self, resource, instance, new):
        blank = getattr(resource, "_blank_values", None)
        if new and blank is not None:
            self.left, self.right, self.new = blank, [], new
        else:
            super().__init__(resource, instance, new)

    def as_html(self):
        if not self.new:
            return super().as_html()
        data = []
        for before, after in zip(self.left, self.right, strict=True):
            text = force_str(after)
            if text:
                # diff_match_patch's diff_prettyHtml of a single insert or equal text
                text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&para;<br>")
                text = f"<span>{text}</span>" if before == after else f'<ins style="background:#e6ffe6;">{text}</ins>'
            data.append(mark_safe(text))  # noqa: S308 - the value is escaped above, as diff_prettyHtml does
        return data


# Foreign keys whose existence the cached widgets establish: full_clean need not query them again.
_LOOKED_UP = ("department", "position", "manager")


class EmployeeResource(ScopedExportMixin, resources.ModelResource):
    department = fields.Field(
        attribute="department", column_name="department", widget=CachedCodeForeignKeyWidget(Department, field="code")
    )
    position = fields.Field(
        attribute="position", column_name="position", widget=CachedCodeForeignKeyWidget(Position, field="code")
    )
    manager = fields.Field(
        attribute="manager", column_name="manager", widget=CachedCodeForeignKeyWidget(Employee, field="number")
    )

    class Meta:
        model = Employee
        fields = (
            "number",
            "name",
            "gender",
            "birth_date",
            "id_number",
            *EMPLOYEE_RECORD_FIELDS,
            "base_salary",
        )
        import_id_fields = ("number",)
        instance_loader_class = CachedInstanceLoader
        use_bulk = True
        batch_size = 1000
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_diff_class(self):
        return ImportDiff

    def _sees_secret(self) -> bool:
        return self.user is not None and self.user.sees_secret_hr_data

    def get_export_fields(self, selected_fields=None):
        export_fields = super().get_export_fields(selected_fields)
        if self._sees_secret():
            return export_fields
        return [f for f in export_fields if f.attribute not in SECRET_COLUMNS]

    def get_queryset(self):
        """Without a queryset (e.g. a scripted export) the user's scope still applies."""
        qs = Employee.objects.all() if self.user is None else employees_visible_to(self.user)
        return qs.select_related("department", "position", "manager")

    # --- import: one query per lookup table instead of several per row -------------------------------------

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.fields["department"].widget.cache = {d.code: d for d in Department.objects.all()}
        self.fields["position"].widget.cache = {p.code: p for p in Position.objects.all()}
        # Every employee, in scope or not (as the former per-row queries): managers by number, and the taken
        # employee and ID numbers for the uniqueness checks.
        self._taken_numbers, self._taken_id_numbers = {}, {}
        for pk, number, id_number in Employee.objects.values_list("pk", "number", "id_number"):
            self._taken_numbers[number] = pk
            self._taken_id_numbers[id_number] = pk
        self.fields["manager"].widget.cache = dict(self._taken_numbers)
        self._originals = {}
        self._stored_flow = {}
        self._import_fields = None
        self._import_fields = self.get_import_fields()
        # A new row's "before" values in the preview: a blank employee's, unless a default is computed.
        imported = {f.attribute for f in self.get_import_fields()}
        computed = any(
            f.name in imported and f.has_default() and callable(f.default) for f in Employee._meta.concrete_fields
        )
        self._blank_values = None if computed else ImportDiff._read_field_values(self, self.init_instance())

    def get_import_fields(self):
        """The library's list, worked out once per import rather than several times per row."""
        cached = getattr(self, "_import_fields", None)
        return list(cached) if cached is not None else super().get_import_fields()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        self._import_fields = None

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new and hasattr(self, "_stored_flow"):
            # What a re-import may not change: the fields with their own flows, and a separated record at all.
            self._stored_flow[id(instance)] = (
                policies.can_edit_employee(self.user, instance) if self.user is not None else None,
                {name: getattr(instance, Employee._meta.get_field(name).attname) for name in IMPORT_OWN_FLOW_FIELDS},
            )
        if not new and not kwargs.get("dry_run"):
            # The stored state, for the audit entry of the change (the signal re-read it from the database).
            self._originals[id(instance)] = deepcopy(instance)
        else:
            # A new person has no reverse one-to-one objects yet (e.g. the offer that hired them): say so, so that
            # the audit log's diff of the new row does not ask the database for each of them.
            for relation in Employee._meta.related_objects:
                if relation.one_to_one:
                    relation.set_cached_value(instance, None)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """`full_clean()` as before, with the foreign-key existence and uniqueness checks answered from the
        lookups loaded in `before_import` (same messages, no query per row)."""
        if not hasattr(self, "_taken_numbers"):  # not through import_data: the plain model validation
            return super().validate_instance(instance, import_validation_errors, validate_unique)
        errors = dict(import_validation_errors or {})
        errors.update(self._own_flow_errors(instance))
        looked_up = [name for name in _LOOKED_UP if name not in errors]
        try:
            # The constraints (a salary not negative) are `Employee.clean()`'s rules too: no query per row for them.
            instance.full_clean(exclude=[*errors, *looked_up], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in looked_up:
            if name in errors:
                continue
            field = Employee._meta.get_field(name)
            value = getattr(instance, field.attname)
            if field.blank and value in field.empty_values:
                continue
            try:
                # Field.validate: the null / blank checks of ForeignKey.validate, without its existence query.
                models.Field.validate(field, value, instance)
            except ValidationError as error:
                errors[name] = error.error_list
        if validate_unique:
            for name, taken in (("number", self._taken_numbers), ("id_number", self._taken_id_numbers)):
                value = getattr(instance, name)
                if name not in errors and value in taken and taken[value] != instance.pk:
                    errors[name] = [instance.unique_error_message(Employee, (name,))]
        if errors:
            raise ValidationError(errors)

    def _own_flow_errors(self, instance) -> dict:
        """A re-imported row of an existing employee: refused for a separated (read-only) record, and for a change
        of the salary, post or status, which have their own flows (调薪单, job change, onboarding, separation)."""
        stored = self._stored_flow.get(id(instance))
        if stored is None:
            return {}
        verdict, before = stored
        if verdict is not None and not verdict:
            return {"number": [ValidationError(verdict.reason, code=verdict.code)]}
        errors = {}
        for name, value in before.items():
            if getattr(instance, Employee._meta.get_field(name).attname) != value:
                errors[name] = [
                    ValidationError(
                        _("Changed only through its own flow (salary change, job change, onboarding, separation)."),
                        code="field_has_own_flow",
                    )
                ]
        return errors

    def save_instance(self, instance, is_create, row, **kwargs):
        manager = instance._state.fields_cache.get("manager")
        if manager is not None and manager.pk is None and manager in self.create_instances:
            # The manager is a new person of this file, still waiting in the batch: write the batch first.
            self.bulk_create(kwargs.get("using_transactions", True), kwargs.get("dry_run", False), True)
        super().save_instance(instance, is_create, row, **kwargs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        created = list(self.create_instances)
        if not created or not (using_transactions or not dry_run):
            return super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)
        try:
            Employee.objects.bulk_create(created, batch_size=batch_size)
            if not dry_run:  # a dry run's entries would be rolled back with its rows: not worth computing
                log_bulk_changes([(None, instance) for instance in created], LogEntry.Action.CREATE)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def get_bulk_update_fields(self):
        return [*super().get_bulk_update_fields(), "updated_at"]

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        updated = list(self.update_instances)
        if not updated or not (using_transactions or not dry_run):
            return super().bulk_update(using_transactions, dry_run, raise_errors, batch_size, result)
        now = timezone.now()
        for instance in updated:
            instance.updated_at = now  # auto_now, which bulk_update does not apply
        try:
            Employee.objects.bulk_update(updated, self.get_bulk_update_fields(), batch_size=batch_size)
            if not dry_run:
                log_bulk_changes(
                    [(self._originals.pop(id(instance), None), instance) for instance in updated],
                    LogEntry.Action.UPDATE,
                )
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if hasattr(self, "_taken_numbers"):
            # A row waiting in the batch has no primary key yet: a marker that no other row's pk equals.
            taken_by = instance.pk if instance.pk is not None else object()
            self._taken_numbers[instance.number] = taken_by
            self._taken_id_numbers[instance.id_number] = taken_by
            self.fields["manager"].widget.cache[instance.number] = instance


class ScopedCodeForeignKeyWidget(CodeForeignKeyWidget):
    """A foreign key by code among the rows the importing user may see (others read as unknown)."""

    def __init__(self, model, field, scope):
        super().__init__(model, field=field)
        self.scope = scope
        self.user = None

    def get_queryset(self, value, row, *args, **kwargs):
        return self.scope(self.user)


class LabourContractResource(ScopedExportMixin, resources.ModelResource):
    """Labour contracts by contract number; the employee by number, the renewed contract by its number.

    Each row is validated by `LabourContract.full_clean()` (the art. 19 probation, no overlap, the signing date)
    and by the contract policies (a separated employee's contracts are read-only): a refused row is a row error
    and, as with every import, nothing is written while any row is refused."""

    employee = fields.Field(
        attribute="employee",
        column_name="employee",
        widget=ScopedCodeForeignKeyWidget(Employee, "number", scope=lambda user: _employees_for(user)),
    )
    renews = fields.Field(
        attribute="renews",
        column_name="renews",
        widget=ScopedCodeForeignKeyWidget(
            LabourContract,
            "number",
            scope=lambda user: LabourContract.objects.filter(employee__in=_employees_for(user)),
        ),
    )

    class Meta:
        model = LabourContract
        fields = (
            "number",
            "employee",
            "contract_type",
            "start_date",
            "end_date",
            "probation_months",
            "signed_on",
            "renews",
        )
        import_id_fields = ("number",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        for name in ("employee", "renews"):
            self.fields[name].widget.user = user

    def get_queryset(self):
        return LabourContract.objects.filter(employee__in=_employees_for(self.user)).select_related(
            "employee", "renews"
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.employee_id:
            verdict = (
                policies.can_edit_contract(self.user, instance)
                if instance.pk
                else policies.can_add_contract(self.user, instance.employee)
            )
            if not verdict:
                errors["employee"] = [ValidationError(verdict.reason, code=verdict.code)]
        super().validate_instance(instance, errors, validate_unique)


def _employees_for(user):
    return Employee.objects.all() if user is None else employees_visible_to(user)
