"""Import/export of employees (django-import-export). Department and position by code, manager by number;
re-import updates by employee number. Secret columns (ID number, salary) only for users cleared for them."""

from import_export import fields, resources

from org.models import Department, Position
from org.resources import CodeForeignKeyWidget, ScopedExportMixin

from .models import Employee
from .selectors import employees_visible_to

SECRET_COLUMNS = frozenset({"id_number", "base_salary"})


class EmployeeResource(ScopedExportMixin, resources.ModelResource):
    department = fields.Field(
        attribute="department", column_name="department", widget=CodeForeignKeyWidget(Department, field="code")
    )
    position = fields.Field(
        attribute="position", column_name="position", widget=CodeForeignKeyWidget(Position, field="code")
    )
    manager = fields.Field(
        attribute="manager", column_name="manager", widget=CodeForeignKeyWidget(Employee, field="number")
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
