"""Employees and their personnel files (员工档案): contracts, documents, salary, job changes (spec 01)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.pinyin import PINYIN_MAX_LENGTH, PinyinQuerySet, fill_pinyin, pinyin_update_fields
from core.storage import PRIVATE_STORAGE
from core.validators import id_number_birth_date, validate_id_number


def _id_number_birth_date(id_number: str) -> datetime.date | None:
    """The birth date an 18-character ID number holds (digits 7–14), or None when it holds no real date."""
    value = (id_number or "").strip()
    if len(value) != 18 or not value[6:14].isdigit():
        return None
    try:
        return id_number_birth_date(value)
    except ValueError:
        return None


def private_storage():
    return PRIVATE_STORAGE


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Education(models.TextChoices):
    JUNIOR_HIGH = "junior_high", _("Junior high school (初中)")
    HIGH_SCHOOL = "high_school", _("High school / technical school (高中/中专)")
    COLLEGE = "college", _("Junior college (大专)")
    BACHELOR = "bachelor", _("Bachelor (本科)")
    MASTER = "master", _("Master or above (硕士及以上)")


class EmploymentType(models.TextChoices):
    REGULAR = "regular", _("Regular (正式)")
    PROBATION = "probation", _("Probation (试用)")
    CONTRACT = "contract", _("Contract worker (合同工)")
    AGENCY = "agency", _("Agency worker (劳务派遣)")
    INTERN = "intern", _("Intern (实习)")


# Employment types without a company labour contract or probation (spec 01).
NO_LABOUR_CONTRACT_TYPES = frozenset({EmploymentType.AGENCY, EmploymentType.INTERN})


class EmployeeStatus(models.TextChoices):
    ONBOARDING = "onboarding", _("Onboarding")
    PROBATION = "probation", _("On probation")
    REGULAR = "regular", _("Regular")
    SEPARATED = "separated", _("Separated")


class EmployeeQuerySet(PinyinQuerySet):
    def active(self):
        return self.exclude(status=EmployeeStatus.SEPARATED)


class Employee(models.Model):
    number = models.CharField(_("employee number"), max_length=20, unique=True)
    # Translators: 姓名 (a person's name, not 名称)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50, db_index=True)
    # Search keys (core.pinyin), filled on save and in bulk writes: 张伟强 → zhangweiqiang, zwq.
    name_pinyin = models.CharField(max_length=PINYIN_MAX_LENGTH, blank=True, editable=False, db_index=True)
    name_initials = models.CharField(max_length=PINYIN_MAX_LENGTH, blank=True, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    id_number = models.CharField(
        _("ID number (居民身份证号)"), max_length=18, unique=True, validators=[validate_id_number]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    emergency_contact = models.CharField(_("emergency contact"), max_length=50, blank=True)
    emergency_phone = models.CharField(_("emergency contact phone"), max_length=20, blank=True)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    hire_date = models.DateField(_("hire date"))
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="employees"
    )
    position = models.ForeignKey(
        "org.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="employees"
    )
    employment_type = models.CharField(_("employment type"), max_length=20, choices=EmploymentType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=EmployeeStatus.choices, default=EmployeeStatus.ONBOARDING
    )
    manager = models.ForeignKey(
        "self", verbose_name=_("manager"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    agency_name = models.CharField(_("dispatching agency"), max_length=100, blank=True)
    # Agency workers have no company labour contract: the agency's dispatch agreement (劳务派遣协议) and its term.
    dispatch_agreement = models.CharField(_("dispatch agreement (劳务派遣协议) no."), max_length=50, blank=True)
    dispatch_start = models.DateField(_("dispatched from"), null=True, blank=True)
    dispatch_end = models.DateField(_("dispatched until"), null=True, blank=True)
    base_salary = models.DecimalField(
        _("base salary (monthly, yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    separated_on = models.DateField(_("separation date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(base_salary__isnull=True) | Q(base_salary__gte=0), name="employee_salary_not_negative"
            )
        ]
        indexes = [
            models.Index(fields=["department", "status"], name="employee_dept_status_idx"),
            models.Index(fields=["status", "number"], name="employee_status_number_idx"),
            models.Index(fields=["hire_date"], name="employee_hire_date_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.number})"

    def save(self, *args, **kwargs):
        fill_pinyin(self, "name")
        kwargs["update_fields"] = pinyin_update_fields(kwargs.get("update_fields"), "name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("employees:employee_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.position_id and self.department_id and self.position.department_id != self.department_id:
            errors["position"] = ValidationError(
                _("The position belongs to another department."), code="position_of_another_department"
            )
        if self.employment_type == EmploymentType.AGENCY and not self.agency_name:
            errors["agency_name"] = ValidationError(
                _("An agency worker needs the dispatching agency's name."), code="agency_name_required"
            )
        dispatch = (self.dispatch_agreement, self.dispatch_start, self.dispatch_end)
        if self.employment_type != EmploymentType.AGENCY and any(dispatch):
            errors["dispatch_agreement"] = ValidationError(
                _("Only agency workers have a dispatch agreement."), code="dispatch_not_agency"
            )
        if self.dispatch_start and self.dispatch_end and self.dispatch_end < self.dispatch_start:
            errors["dispatch_end"] = ValidationError(
                _("The dispatch cannot end before it starts."), code="dispatch_ends_before_start"
            )
        if self.separated_on and self.hire_date and self.separated_on < self.hire_date:
            errors["separated_on"] = ValidationError(
                _("The separation date cannot be before the hire date."), code="separated_before_hire"
            )
        if self.base_salary is not None and self.base_salary < 0:
            errors["base_salary"] = ValidationError(_("The salary cannot be negative."), code="negative_salary")
        born = _id_number_birth_date(self.id_number)
        if born is not None and self.birth_date and self.birth_date != born:
            errors["birth_date"] = ValidationError(
                _("The date of birth does not match the ID number, which says %(date)s.")
                % {"date": f"{born:%Y-%m-%d}"},
                code="birth_date_mismatch",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_separated(self) -> bool:
        return self.status == EmployeeStatus.SEPARATED

    @property
    def needs_labour_contract(self) -> bool:
        return self.employment_type not in NO_LABOUR_CONTRACT_TYPES

    @property
    def contract_deadline(self) -> datetime.date:
        """The last day to sign the written contract: one calendar month from the start (LCL arts. 10, 82)."""
        from .labour_law import written_contract_deadline

        return written_contract_deadline(self.hire_date)

    @property
    def contract_overdue(self) -> bool:
        """A needed written contract is missing or unsigned after its deadline (art. 82: double wages)."""
        return bool(self.contract_flag) and timezone.localdate() > self.contract_deadline

    @property
    def contract_flag(self) -> str:
        """ "missing" or "unsigned" when a needed written contract is absent (LCL arts. 10, 82), else "".

        Uses the annotations of `selectors.with_contract_flags` when present, so lists need no extra query.
        """
        if self.is_separated or not self.needs_labour_contract:
            return ""
        has_contract = getattr(self, "has_contract", None)
        if has_contract is None:
            has_contract = self.contracts.exists()
            has_unsigned = self.contracts.filter(signed_on__isnull=True).exists()
        else:
            has_unsigned = self.has_unsigned_contract
        if not has_contract:
            return "missing"
        return "unsigned" if has_unsigned else ""


# The record's own fields in form and spreadsheet order (the edit form and the xlsx import/export add the
# identity fields before them, the form the login account after them, both the salary last).
EMPLOYEE_RECORD_FIELDS = (
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
    "dispatch_agreement",
    "dispatch_start",
    "dispatch_end",
    "status",
    "separated_on",
    "manager",
)


class ContractType(models.TextChoices):
    FIXED = "fixed", _("Fixed term (固定期限)")
    OPEN_ENDED = "open", _("Open-ended (无固定期限)")
    PROJECT = "project", _("Project-based (以完成一定工作任务为期限)")


class LabourContract(models.Model):
    """A labour contract (劳动合同). Renewals are new rows pointing at the contract they renew."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.CharField(_("contract number"), max_length=40, unique=True)
    contract_type = models.CharField(_("contract type"), max_length=20, choices=ContractType.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    probation_months = models.PositiveSmallIntegerField(_("probation (months)"), default=0)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    # Not renewed at its end (合同到期不续签): refused for a protected employee (LCL art. 42, see ProtectedPeriod).
    not_renewed_on = models.DateField(_("not renewed (decided on)"), null=True, blank=True)
    not_renewed_reason = models.CharField(_("why not renewed"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("labour contract")
        verbose_name_plural = _("labour contracts")
        ordering = ["employee", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="contract_end_after_start",
            )
        ]
        indexes = [models.Index(fields=["end_date"], name="contract_end_date_idx")]

    def __str__(self):
        return self.number

    def clean(self):
        """The contract's own shape here; what it may be next to the person's other contracts (art. 19 probation,
        no overlap, the signing date, the renewal) in `labour_law.contract_check`, so every path checks both."""
        from .labour_law import contract_check

        errors = {}
        if self.end_date and self.start_date and self.end_date <= self.start_date:
            errors["end_date"] = ValidationError(
                _("The end date must be after the start date."), code="contract_ends_before_start"
            )
        if self.contract_type == ContractType.FIXED and not self.end_date:
            errors["end_date"] = ValidationError(
                _("A fixed-term contract needs an end date."), code="fixed_term_needs_end"
            )
        if self.contract_type == ContractType.OPEN_ENDED and self.end_date:
            errors["end_date"] = ValidationError(
                _("An open-ended contract has no end date."), code="open_ended_has_no_end"
            )
        if self.employee_id and not self.employee.needs_labour_contract:
            errors["employee"] = ValidationError(
                _(
                    "Agency workers and interns have no labour contract with the company; "
                    "record the dispatch or internship agreement instead."
                ),
                code="no_labour_contract_for_type",
            )
        if errors:
            raise ValidationError(errors)
        contract_check(self)


class ProtectionReason(models.TextChoices):
    """The situations of LCL art. 42 in which a contract may not be ended under arts. 40/41 or left to expire."""

    OCCUPATIONAL_DISEASE_CHECK = (
        "disease_check",
        _("Occupational-disease examination or observation (职业病诊断、医学观察期间)"),
    )
    WORK_INJURY = "work_injury", _("Occupational disease or work injury, capacity lost (职业病或因工负伤丧失劳动能力)")
    MEDICAL_PERIOD = "medical", _("Medical period for illness or non-work injury (医疗期内)")
    PREGNANCY = "pregnancy", _("Pregnancy, maternity or nursing (孕期、产期、哺乳期)")
    LONG_SERVICE = (
        "long_service",
        _("15 years' service and under 5 years to retirement (连续工作满十五年且距法定退休年龄不足五年)"),
    )


class ProtectedPeriodQuerySet(models.QuerySet):
    def covering(self, day):
        """Periods running on `day` (a date, or an expression such as OuterRef("end_date"))."""
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class ProtectedPeriod(models.Model):
    """A situation of LCL art. 42: while it lasts the contract is not left to expire; it continues until the
    situation ends (art. 45). Health and family data: classified secret like the contracts."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="protected_periods"
    )
    reason = models.CharField(_("situation"), max_length=20, choices=ProtectionReason.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave blank while the end is not known.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("protected period (LCL art. 42)")
        verbose_name_plural = _("protected periods (LCL art. 42)")
        ordering = ["employee", "-start_date"]

    def __str__(self):
        return self.get_reason_display()

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": ValidationError(_("The end cannot be before the start."), code="period_ends_before_start")}
            )

    def covers(self, day: datetime.date) -> bool:
        """In memory what `ProtectedPeriod.objects.covering(day)` asks the database."""
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV (员工履历表)")
    ID_COPY = "id_copy", _("ID copy (身份证复印件)")
    EDUCATION = "education", _("Education certificate (学历证书)")
    QUALIFICATION = "qualification", _("Qualification certificate (资格证书)")
    CONFIDENTIALITY = "confidentiality", _("Signed confidentiality agreement (保密协议)")
    CONTRACT = "contract", _("Signed labour contract (劳动合同)")
    OTHER = "other", _("Other (其他)")


# What every personnel file must hold (the checklist of what is still missing).
REQUIRED_DOCUMENT_KINDS = (
    DocumentKind.CV,
    DocumentKind.ID_COPY,
    DocumentKind.EDUCATION,
    DocumentKind.CONFIDENTIALITY,
    DocumentKind.CONTRACT,
)


def personnel_file_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"personnel/{instance.employee_id}/{instance.kind}-{instance.uploaded_at:%Y%m%d%H%M%S}.{ext}"


class PersonnelDocument(models.Model):
    """A file in the personnel file. Stored privately; served only through a permission-checked view."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=personnel_file_path)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("personnel-file document")
        verbose_name_plural = _("personnel-file documents")
        ordering = ["employee", "kind", "-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"


class SalaryChange(models.Model):
    """One 调薪单 entry: the salary history."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="salary_changes"
    )
    effective_date = models.DateField(_("effective date"))
    previous_salary = models.DecimalField(_("previous salary"), max_digits=10, decimal_places=2, null=True, blank=True)
    new_salary = models.DecimalField(_("new salary"), max_digits=10, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("salary change")
        verbose_name_plural = _("salary history")
        ordering = ["employee", "-effective_date", "-pk"]

    def __str__(self):
        return f"{self.employee} {self.effective_date}"


class JobChangeStatus(models.TextChoices):
    """A job change goes through its approval, then takes effect on its effective date (spec 01/02)."""

    PENDING = "pending", _("In approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved, takes effect on the effective date")
    EFFECTIVE = "effective", _("In effect")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JobChangeKind(models.TextChoices):
    PROMOTION = "promotion", _("Promotion (晋升)")
    TRANSFER = "transfer", _("Transfer (调动)")
    DEMOTION = "demotion", _("Demotion (降职)")


class JobChange(models.Model):
    """员工变动: promotion, transfer or demotion. History is kept; the employee row holds the current post."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="job_changes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JobChangeKind.choices)
    effective_date = models.DateField(_("effective date"))
    from_department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("from department")
    )
    from_position = models.ForeignKey(
        "org.Position", on_delete=models.PROTECT, related_name="+", verbose_name=_("from position")
    )
    to_department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("to department")
    )
    to_position = models.ForeignKey(
        "org.Position", on_delete=models.PROTECT, related_name="+", verbose_name=_("to position")
    )
    reason = models.CharField(_("reason"), max_length=300)
    # History rows (imports, volume data) are in effect; the service starts a new change as pending.
    status = models.CharField(
        _("status"), max_length=20, choices=JobChangeStatus.choices, default=JobChangeStatus.EFFECTIVE
    )
    new_salary = models.DecimalField(
        _("new salary (monthly, yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave blank when the salary does not change."),
    )
    # The 调薪单 the change wrote when it took effect (only when it changed the salary).
    salary_change = models.OneToOneField(
        SalaryChange,
        verbose_name=_("salary change"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="job_change",
    )
    applied_at = models.DateTimeField(_("took effect at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job change")
        verbose_name_plural = _("job changes")
        ordering = ["employee", "-effective_date", "-pk"]

    def __str__(self):
        return f"{self.employee} {self.get_kind_display()} {self.effective_date}"

    def get_absolute_url(self):
        return reverse("employees:job_change_detail", args=[self.employee_id, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_JOB_CHANGE_STATUSES


# A change in approval or approved but not yet in effect: one at a time per employee.
OPEN_JOB_CHANGE_STATUSES = (JobChangeStatus.PENDING, JobChangeStatus.RETURNED, JobChangeStatus.APPROVED)


class RosterPreference(models.Model):
    """The roster columns a reader chose (花名册), kept per user so the next visit and export show the same."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roster_preference"
    )
    columns = models.JSONField(_("columns"), default=list)

    class Meta:
        verbose_name = _("roster columns")
        verbose_name_plural = _("roster columns")

    def __str__(self):
        return str(self.user)


# The contact details an employee asks to change themselves (a request HR confirms).
CONTACT_FIELDS = ("phone", "email", "address", "emergency_contact", "emergency_phone")


class ContactChangeRequest(models.Model):
    """An employee's request to change their own contact details or emergency contact (我的 → 联系方式变更),
    applied to the record only when HR confirms it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for HR")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="contact_changes"
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    emergency_contact = models.CharField(_("emergency contact"), max_length=50, blank=True)
    emergency_phone = models.CharField(_("emergency contact phone"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contact details change")
        verbose_name_plural = _("contact details changes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=Q(status="pending"), name="one_pending_contact_change"
            )
        ]

    def __str__(self):
        return f"{self.employee} {self.created_at:%Y-%m-%d}"

    def changes(self) -> list[tuple[str, str, str]]:
        """(label, now, asked) for each field that would change."""
        return [
            (str(Employee._meta.get_field(name).verbose_name), getattr(self.employee, name), getattr(self, name))
            for name in CONTACT_FIELDS
            if getattr(self.employee, name) != getattr(self, name)
        ]
