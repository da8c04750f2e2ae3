"""Import/export of the organisation (django-import-export): departments and positions, looked up by code.
Re-importing a file updates rows by code, never duplicates them; department paths are kept by org.services."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from employees.models import Employee

from . import policies, services
from .models import Department, Position


class CodeForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key by code (or number); an unknown value is a plain row error, not a traceback."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(
                _("No %(model)s with %(field)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "field": self.field, "value": value}
            )


class ScopedExportMixin:
    """Resources take the requesting user (admin import/export passes it) for field-level secrecy."""

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user


class DepartmentResource(ScopedExportMixin, resources.ModelResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=CodeForeignKeyWidget(Department, field="code")
    )
    head = fields.Field(attribute="head", column_name="head", widget=CodeForeignKeyWidget(Employee, field="number"))
    manager = fields.Field(
        attribute="manager", column_name="manager", widget=CodeForeignKeyWidget(Employee, field="number")
    )

    class Meta:
        model = Department
        fields = ("code", "name", "parent", "head", "manager", "is_active", "sort_order")
        import_id_fields = ("code",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def do_instance_save(self, instance, is_create):
        """Through the services, so that the tree path of the department (and a moved subtree) stays right."""
        if is_create:
            created = services.department_create(
                **{name: getattr(instance, name) for name in ("code", "name", "is_active", "sort_order")},
                parent=instance.parent,
                head=instance.head,
                manager=instance.manager,
            )
            instance.pk, instance.path, instance.depth = created.pk, created.path, created.depth
        else:
            services.department_update(department=instance)


class PositionResource(ScopedExportMixin, resources.ModelResource):
    department = fields.Field(
        attribute="department", column_name="department", widget=CodeForeignKeyWidget(Department, field="code")
    )

    class Meta:
        model = Position
        fields = (
            "code",
            "title",
            "department",
            "category",
            "authorised_headcount",
            "is_special",
            "special_basis",
            "special_basis_note",
            "is_key",
            "is_quality_relevant",
            "is_active",
        )
        import_id_fields = ("code",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """An import decides nothing the pages would not let the importer decide (org.policies): the authorised
        headcount (HR manager, general manager) and the special-post designation (R&D), checked per row."""
        errors = dict(import_validation_errors or {})
        if self.user is not None:
            original = Position.objects.filter(pk=instance.pk).first() if instance.pk else None
            headcount_before = original.authorised_headcount if original else 0
            special_before = (
                (original.is_special, original.special_basis, original.special_basis_note)
                if original
                else (False, "", "")
            )
            checks = {
                "authorised_headcount": (
                    instance.authorised_headcount != headcount_before,
                    policies.can_change_authorised_headcount,
                ),
                "is_special": (
                    (instance.is_special, instance.special_basis, instance.special_basis_note) != special_before,
                    policies.can_set_special_post,
                ),
            }
            for field, (changed, policy) in checks.items():
                verdict = policy(self.user)
                if changed and not verdict:
                    errors[field] = ValidationError(verdict.reason, code=verdict.code)
        super().validate_instance(instance, errors, validate_unique)


# The department and position files in the reader's words (imports.labels): titles and choices as labels.
def departments_from_labels(dataset):
    from imports.labels import dataset_from_labels

    return dataset_from_labels(Department, dataset)


def positions_from_labels(dataset):
    from imports.labels import dataset_from_labels

    return dataset_from_labels(Position, dataset)


def department_labels():
    from imports.labels import labels_for

    return labels_for(Department)


def position_labels():
    from imports.labels import labels_for

    return labels_for(Position)
