from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployeesConfig(AppConfig):
    name = "employees"
    verbose_name = _("People")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, models  # noqa: F401  (dashboard registers its cards)

        auditlog.register(
            models.Employee, mask_fields=["id_number", "base_salary"], exclude_fields=["name_pinyin", "name_initials"]
        )
        auditlog.register(models.LabourContract)
        auditlog.register(models.ProtectedPeriod)
        auditlog.register(models.PersonnelDocument, exclude_fields=["file"])
        auditlog.register(models.SalaryChange, mask_fields=["previous_salary", "new_salary"])
        auditlog.register(models.JobChange, mask_fields=["new_salary"])
        auditlog.register(models.RosterPreference)
        auditlog.register(models.ContactChangeRequest)
