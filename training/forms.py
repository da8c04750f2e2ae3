"""Forms of training. People are picked by search within the user's scope (core.pickers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, submit_helper
from core.widgets import PickerField, PickerMultipleField
from employees.forms import EMPLOYEES
from employees.selectors import employees_visible_to
from org.models import Department, Position

from .models import (
    AssessmentMethod,
    Certificate,
    CertificateType,
    DevelopmentPlan,
    ExternalTraining,
    FileKind,
    Level,
    Mentoring,
    NeedSource,
    PlanItem,
    Session,
    Skill,
    TrainingNeed,
)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Add skill"))


class StandardForm(forms.Form):
    skill = forms.ModelChoiceField(Skill.objects.filter(is_active=True), label=_("Skill"))
    required_level = forms.TypedChoiceField(
        label=_("Required level"),
        choices=[("", _("— not required —")), *Level.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class RatingForm(forms.Form):
    """One level per skill of the employee's post (fields added per standard)."""

    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, standards=(), levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        levels = levels or {}
        self.standards = list(standards)
        for standard in self.standards:
            self.fields[f"skill_{standard.skill_id}"] = forms.TypedChoiceField(
                label=f"{standard.skill.name} (≥ {standard.required_level})",
                choices=[("", "—"), *Level.choices],
                coerce=int,
                required=False,
                empty_value=None,
                initial=levels.get(standard.skill_id),
            )
        self.order_fields([f"skill_{s.skill_id}" for s in self.standards] + ["note"])
        self.helper = submit_helper(_("Save ratings"))


class NeedForm(forms.ModelForm):
    employee = PickerField(EMPLOYEES, only=("active",), queryset=None, label=_("Employee"))

    class Meta:
        model = TrainingNeed
        fields = ["employee", "topic", "source", "skill", "reason", "wanted_period"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees_visible_to(user).active()
        self.fields["skill"].queryset = Skill.objects.filter(is_active=True)
        self.fields["source"].choices = [(v, label) for v, label in NeedSource.choices if v != NeedSource.TRANSFER]
        self.helper = submit_helper(_("Raise the need"))


class DevelopmentPlanForm(forms.ModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["year", "headcount_notes", "competence_needs", "training_focus"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    development_plan = forms.ModelChoiceField(
        DevelopmentPlan.objects.all(), label=_("HR development plan"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Create the plan"))


class PlanItemForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(
        TrainingNeed.objects.none(),
        label=_("Training needs it answers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PlanItem
        fields = [
            "course",
            "month",
            "hours",
            "trainer_kind",
            "trainer",
            "method",
            "budget",
            "targets",
            "target_departments",
            "target_positions",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_departments"].queryset = Department.objects.filter(is_active=True)
        self.fields["target_positions"].queryset = Position.objects.filter(is_active=True).select_related("department")
        self.fields["needs"].queryset = TrainingNeed.objects.filter(status="open").select_related("employee")
        self.fields["needs"].label_from_instance = lambda n: f"{n.employee.name} · {n.topic}"
        self.helper = submit_helper(_("Save the course"))


class SessionForm(forms.ModelForm):
    participants = PickerMultipleField(
        EMPLOYEES, only=("active",), queryset=None, label=_("Invited participants"), required=False
    )

    class Meta:
        model = Session
        fields = [
            "course",
            "plan_item",
            "trainer_kind",
            "trainer",
            "starts_at",
            "ends_at",
            "place",
            "hours",
            "pass_mark",
            "is_induction",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = employees_visible_to(user).active()
        self.fields["plan_item"].queryset = PlanItem.objects.filter(
            plan__status__in=["approved", "published"]
        ).select_related("plan")
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]
        self.helper = submit_helper(_("Save the session"))


class InviteForm(forms.Form):
    participants = PickerMultipleField(EMPLOYEES, only=("active",), queryset=None, label=_("Invite"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = employees_visible_to(user).active()
        self.helper = submit_helper(_("Invite"))


class SessionFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FileKind.choices)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Upload"))

    def clean_file(self):
        from core.validators import validate_document_upload

        upload = self.cleaned_data["file"]
        validate_document_upload(upload)
        return upload


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Check-in code"), max_length=6, min_length=6)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Check in"))


class SessionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class SessionRatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating of the session"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Rate"))


class ApplicationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Application at work"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    note = forms.CharField(label=_("Evaluation"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save the evaluation"))


METHOD_CHOICES = AssessmentMethod.choices


class CertificateTypeForm(forms.ModelForm):
    class Meta:
        model = CertificateType
        fields = ["name", "is_external", "positions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["positions"].queryset = Position.objects.filter(is_active=True).select_related("department")
        self.helper = submit_helper(_("Save"))


class CertificateForm(forms.ModelForm):
    employee = PickerField(EMPLOYEES, only=("active",), queryset=None, label=_("Employee"))
    scan_upload = forms.FileField(label=_("Scan"), required=False)

    class Meta:
        model = Certificate
        fields = ["employee", "type", "number", "issuer", "issued_on", "expires_on"]
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees_visible_to(user).active()
        self.helper = submit_helper(_("Save the certificate"))

    def clean_scan_upload(self):
        from core.validators import validate_document_upload

        upload = self.cleaned_data.get("scan_upload")
        if upload:
            validate_document_upload(upload)
        return upload


class MentoringForm(forms.ModelForm):
    employee = PickerField(EMPLOYEES, only=("active",), queryset=None, label=_("Apprentice"))
    mentor = PickerField(EMPLOYEES, only=("active",), queryset=None, label=_("Mentor"))

    class Meta:
        model = Mentoring
        fields = ["employee", "mentor", "starts_on", "ends_on", "goals"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees_visible_to(user).active()
        self.fields["mentor"].queryset = employees_visible_to(user).active()
        self.helper = submit_helper(_("Assign the mentor"))


class SignOffForm(forms.Form):
    goals_met = forms.TypedChoiceField(
        label=_("Goals met"), choices=[("1", _("Yes")), ("0", _("No"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label=_("Mentor's assessment"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Sign off"))


class ExternalForm(forms.ModelForm):
    employee = PickerField(EMPLOYEES, only=("active",), queryset=None, label=_("Employee"))

    class Meta:
        model = ExternalTraining
        fields = ["employee", "course", "provider", "starts_on", "ends_on", "hours", "cost", "reason"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees_visible_to(user).active()
        if self.instance.pk:  # a request is changed, never moved to another employee
            self.fields["employee"].disabled = True
            self.fields["employee"].queryset = self.fields["employee"].queryset.model.objects.filter(
                pk=self.instance.employee_id
            )
        self.helper = submit_helper(_("Save the request"))


class ExternalCompleteForm(forms.Form):
    report = forms.CharField(label=_("Report after return"), widget=forms.Textarea(attrs={"rows": 4}))
    passed = forms.TypedChoiceField(
        label=_("Passed"), choices=[("1", _("Yes")), ("0", _("No"))], coerce=lambda v: v == "1"
    )
    certificate = forms.FileField(label=_("Certificate"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Attach"))

    def clean_certificate(self):
        from core.validators import validate_document_upload

        upload = self.cleaned_data.get("certificate")
        if upload:
            validate_document_upload(upload)
        return upload


class AwarenessForm(forms.Form):
    understanding = forms.CharField(
        label=_("How the employee explained the quality policy, objectives, their contribution and the consequences"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    passed = forms.TypedChoiceField(
        label=_("Understanding confirmed"), choices=[("1", _("Yes")), ("0", _("No"))], coerce=lambda v: v == "1"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record"))


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    conclusion = forms.CharField(label=_("Evaluation and measures"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))
