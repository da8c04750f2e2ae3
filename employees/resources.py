"""Import/export of employees (django-import-export). Department and position by code, manager by number;
re-import updates by employee number. Secret columns (ID number, salary) only for users cleared for them.

Imports of thousands of rows: the lookups are loaded once per import (`before_import`), not per row: departments
and positions by code, managers by number, existing employees by number (`CachedInstanceLoader`), and the
taken employee and ID numbers for the uniqueness checks. The model's own validation (`full_clean`) still runs
for every row, without its per-row existence and uniqueness queries, which the loaded lookups answer (so the
dry run still reports each row's errors). Valid rows are saved in batches (`use_bulk`); as bulk writes bypass
django-auditlog's signals, each batch writes the same audit entries itself, one per created or changed
employee, with the same changes (ID number masked), actor and remote address as the signals would have.
"""

from copy import deepcopy

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import get_field_value, get_mask_function, is_primitive, model_instance_diff, track_field
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import smart_str
from import_export import fields, resources
from import_export.instance_loaders import CachedInstanceLoader

from org.models import Department, Position
from org.resources import CodeForeignKeyWidget, ScopedExportMixin

from .models import Employee
from .selectors import employees_visible_to

SECRET_COLUMNS = frozenset({"id_number", "base_salary"})


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


def created_changes(instance) -> dict | None:
    """`auditlog.diff.model_instance_diff(None, instance)`, the changes of a created row, for many rows.

    The same fields, values and masking, without recomputing the field list and the "before" side (always
    None for a created row) for every row. `test_resources` checks it against auditlog's function.
    """
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    model = type(instance)
    fields = _tracked_fields(model)
    model_fields = auditlog.get_model_fields(model)
    mask = get_mask_function(model_fields.get("mask_callable"))
    before = None if use_json else smart_str(None)
    diff = {}
    for field in fields:
        value = get_field_value(instance, field, use_json)
        if value == before:
            continue
        if field.name in model_fields["mask_fields"]:
            diff[field.name] = (mask(smart_str(before)), mask(smart_str(value)))
        elif not use_json:
            diff[field.name] = (smart_str(before), smart_str(value))
        else:
            diff[field.name] = (before, value if is_primitive(value) else smart_str(value))
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


def log_bulk_changes(pairs, action) -> None:
    """The audit entries django-auditlog's save signals would have written for these (old, new) instances.

    `pairs` are (old, new): old is None for a created row. An update with no change writes nothing (as the
    signal). One INSERT for the whole batch.
    """
    if auditlog_disabled.get(False):
        return
    content_type = ContentType.objects.get_for_model(Employee)
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    entries = []
    for old, new in pairs:
        if old is None:
            changes = created_changes(new)
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
    # One expression among the values makes Django insert with VALUES rather than UNNEST arrays, whose text
    # encoding escapes every quote of the JSON changes one regex call at a time (seconds for 10,000 entries).
    now = Value(timezone.now(), output_field=models.DateTimeField())
    for entry in entries:
        entry.timestamp = now
    LogEntry.objects.bulk_create(entries)


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
            "phone",
            "email",
            "address",
            "emergency_contact",
            "emergency_phone",
            "education",
            "hire_date",
            "department",
            "position",
            "employment_type",
            "agency_name",
            "status",
            "separated_on",
            "manager",
            "base_salary",
        )
        import_id_fields = ("number",)
        instance_loader_class = CachedInstanceLoader
        use_bulk = True
        batch_size = 1000
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

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

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
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
        looked_up = [name for name in _LOOKED_UP if name not in errors]
        try:
            instance.full_clean(exclude=[*errors, *looked_up], validate_unique=False)
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
            log_bulk_changes(
                [(self._originals.pop(id(instance), None), instance) for instance in updated], LogEntry.Action.UPDATE
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
