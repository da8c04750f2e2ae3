"""Company, department tree, positions and their versioned job descriptions (spec 01)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.pinyin import PINYIN_MAX_LENGTH, PinyinQuerySet, fill_pinyin, pinyin_update_fields


class Company(models.Model):
    """The one legal entity. Its names and form numbering print on every form header."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    logo = models.ImageField(_("logo"), upload_to="company/", blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    form_prefix = models.CharField(_("form-number prefix"), max_length=20, default="HR")
    doc_version = models.CharField(_("document version"), max_length=10, default="A/0")
    # The form header of the procedures (人力资源管理程序): 文件编号, 版本号, 制定部门, 生效日期.
    issuing_department = models.CharField(_("issuing department (制定部门)"), max_length=50, default="人事部")
    forms_effective_date = models.DateField(_("forms effective date (生效日期)"), null=True, blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("company")

    def __str__(self):
        return self.name

    @classmethod
    def get(cls) -> "Company":
        company = cls.objects.order_by("pk").first()
        return company or cls(name="XX汽车零部件有限公司", short_name="XX")


class DepartmentQuerySet(models.QuerySet):
    def subtree_of(self, departments):
        """The given departments and everything below them (materialised path prefix)."""
        q = models.Q(pk__in=[])
        for dept in departments:
            q |= models.Q(path__startswith=dept.path)
        return self.filter(q)


class Department(models.Model):
    """A department or section (课). `path` is the materialised path of ids, e.g. "/3/17/"."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    head = models.ForeignKey(
        "employees.Employee",
        verbose_name=_("head (部门主管)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    manager = models.ForeignKey(
        "employees.Employee",
        verbose_name=_("manager (部门经理)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_departments",
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:department_detail", args=[self.pk])

    def clean(self):
        if self.pk and self.parent_id:
            parent = self.parent
            if parent.pk == self.pk or (self.path and parent.path.startswith(self.path)):
                raise ValidationError(
                    {"parent": ValidationError(_("A department cannot be moved below itself."), code="below_itself")}
                )


class PositionCategory(models.TextChoices):
    FRONTLINE = "frontline", _("Frontline (一线普通职位)")
    STAFF = "staff", _("Staff (职员类)")
    MANAGER = "manager", _("Manager-level and above (经理级及以上)")


class SpecialPostBasis(models.TextChoices):
    CUSTOMER = "customer", _("Customer requirement")
    REGULATION = "regulation", _("Law or regulation")


class PositionQuerySet(PinyinQuerySet):
    pinyin_source = "title"

    def with_headcount(self):
        """Annotate `filled`: employees in the post who have not separated.

        A correlated count per position (not a join with GROUP BY over every employee): a page of positions
        counts only its own rows, and the paginator's COUNT(*) leaves the annotation out.
        """
        employee_model = self.model._meta.get_field("employees").related_model
        filled = (
            employee_model.objects.filter(position=models.OuterRef("pk"))
            .exclude(status="separated")
            .order_by()
            .values("position")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            filled=Coalesce(models.Subquery(filled, output_field=models.IntegerField()), models.Value(0))
        )

    def with_open_requisitions(self):
        """Annotate `open_requisitions`: the places still open in requisitions for the post (in approval, returned,
        approved or recruiting: the requisition model's OPEN_STATUSES), minus those already hired.

        A correlated sum per position, like `with_headcount`; org does not import recruitment, it reads the
        requisitions through the reverse relation.
        """
        requisition_model = self.model._meta.get_field("requisitions").related_model
        places = (
            requisition_model.objects.filter(position=models.OuterRef("pk"), status__in=requisition_model.OPEN_STATUSES)
            .order_by()
            .values("position")
            .annotate(n=models.Sum(models.F("headcount") - models.F("filled_count")))
            .values("n")
        )
        return self.annotate(
            open_requisitions=Coalesce(models.Subquery(places, output_field=models.IntegerField()), models.Value(0))
        )


class Position(models.Model):
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="positions"
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=100)
    # Search keys (core.pinyin), filled on save and in bulk writes: 张伟强 → zhangweiqiang, zwq.
    name_pinyin = models.CharField(max_length=PINYIN_MAX_LENGTH, blank=True, editable=False, db_index=True)
    name_initials = models.CharField(max_length=PINYIN_MAX_LENGTH, blank=True, editable=False, db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=PositionCategory.choices)
    is_special = models.BooleanField(_("special post (特殊岗位)"), default=False)
    special_basis = models.CharField(
        _("special-post basis"), max_length=20, choices=SpecialPostBasis.choices, blank=True
    )
    special_basis_note = models.CharField(_("special-post basis detail"), max_length=200, blank=True)
    is_key = models.BooleanField(_("key post (关键岗位)"), default=False)
    is_quality_relevant = models.BooleanField(_("quality-relevant post"), default=False)
    occupational_hazards = models.BooleanField(
        _("post with occupational hazards (职业病危害岗位)"),
        default=False,
        help_text=_("The holder needs the pre-employment occupational health check (职业病防治法 art. 35)."),
    )
    authorised_headcount = models.PositiveIntegerField(_("authorised headcount (编制)"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["department__path", "code"]

    def __str__(self):
        return f"{self.title} ({self.code})"

    def save(self, *args, **kwargs):
        fill_pinyin(self, "title")
        kwargs["update_fields"] = pinyin_update_fields(kwargs.get("update_fields"), "title")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("org:position_detail", args=[self.pk])

    def clean(self):
        if self.is_special and not self.special_basis:
            raise ValidationError(
                {
                    "special_basis": ValidationError(
                        _("A special post needs its basis (customer requirement or regulation)."),
                        code="special_basis_required",
                    )
                }
            )


class JobDescription(models.Model):
    """One version of a position's 岗位职位说明书. Editing creates a new version; old ones stay."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.CASCADE, related_name="job_descriptions"
    )
    version = models.PositiveIntegerField(_("version"))
    duties = models.TextField(_("duties (岗位职责)"), help_text=_("One duty per line, in order."))
    education = models.CharField(_("education (学历)"), max_length=200, blank=True)
    experience = models.CharField(_("experience (经历)"), max_length=300, blank=True)
    required_training = models.CharField(_("required training (所需培训)"), max_length=300, blank=True)
    skills = models.CharField(_("skills (技能)"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job description")
        verbose_name_plural = _("job descriptions")
        ordering = ["position", "-version"]
        constraints = [models.UniqueConstraint(fields=["position", "version"], name="jobdescription_unique_version")]

    def __str__(self):
        return f"{self.position.title} v{self.version}"

    def get_absolute_url(self):
        return reverse("org:position_detail", args=[self.position_id])

    @property
    def duty_list(self) -> list[str]:
        return [line.strip() for line in self.duties.splitlines() if line.strip()]
