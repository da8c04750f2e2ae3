"""Forms of the KPI review. The weights rule (they add up to 100) is said on the template form itself."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import DATE, submit_helper
from core.widgets import PickerField, PickerMultipleField
from employees.forms import EMPLOYEES, USERS, department_field, pickable_users
from employees.models import Employee
from employees.selectors import employees_visible_to
from org.forms import POSITIONS
from org.models import Department, Position, PositionCategory

from .models import Cycle, ImprovementPlan, Indicator, ScoringRule
from .scoring import weights_problem

DECIMAL = {"max_digits": 12, "decimal_places": 2, "required": False}


class TemplateForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    position = PickerField(
        POSITIONS,
        only=("active",),
        queryset=Position.objects.filter(is_active=True),
        label=_("Position"),
        required=False,
    )
    category = forms.ChoiceField(
        label=_("or position category"), choices=[("", "—"), *PositionCategory.choices], required=False
    )
    note = forms.CharField(label=_("What changed"), max_length=200, required=False)

    def __init__(self, *args, versioning: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if versioning:  # a new version keeps what it is for
            del self.fields["position"], self.fields["category"]
        else:
            del self.fields["note"]

    def clean(self):
        data = super().clean()
        if "position" in self.fields and bool(data.get("position")) == bool(data.get("category")):
            raise forms.ValidationError(
                _("Choose a position or a position category (one of the two)."), code="template_scope"
            )
        return data


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "definition", "unit", "rule", "target", "floor", "weight"]


class BaseIndicatorFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        problem = weights_problem([row.get("weight") for row in rows])
        if problem:
            raise forms.ValidationError(problem, code="weights_not_100")


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=BaseIndicatorFormSet, extra=3, can_delete=True)


class CycleForm(forms.ModelForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.filter(is_active=True).order_by("path"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("With the departments below them. Leave empty for the whole company."),
    )
    positions = PickerMultipleField(
        POSITIONS,
        only=("active",),
        queryset=Position.objects.filter(is_active=True),
        label=_("Positions"),
        required=False,
        help_text=_("Leave empty for every position."),
    )

    class Meta:
        model = Cycle
        fields = [
            "name",
            "period_type",
            "start_date",
            "end_date",
            "self_assessment",
            "self_deadline",
            "scoring_deadline",
            "peer_feedback",
        ]
        widgets = {"start_date": DATE, "end_date": DATE, "self_deadline": DATE, "scoring_deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))
        if self.instance.pk:
            self.initial["departments"] = list(self.instance.departments.all())
            self.initial["positions"] = list(self.instance.positions.all())


class ItemsForm(forms.Form):
    """One row of fields per sheet indicator; `mode` is goals (targets), self (own actual and comment),
    score or amend (actual, the manual score, comment)."""

    def __init__(self, *args, items, mode: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.items, self.mode = list(items), mode
        self.rows = []
        for item in self.items:
            names = []
            if mode == "goals":
                self.fields[f"target_{item.pk}"] = forms.DecimalField(label=_("Target"), initial=item.target, **DECIMAL)
                names.append(f"target_{item.pk}")
            elif mode == "self":
                self.fields[f"self_actual_{item.pk}"] = forms.DecimalField(
                    label=_("Actual"), initial=item.self_actual, **DECIMAL
                )
                self.fields[f"self_comment_{item.pk}"] = forms.CharField(
                    label=_("Comment"), initial=item.self_comment, required=False, max_length=300
                )
                names += [f"self_actual_{item.pk}", f"self_comment_{item.pk}"]
            else:
                if item.rule == ScoringRule.MANUAL:
                    self.fields[f"score_{item.pk}"] = forms.DecimalField(
                        label=_("Score (0–100)"),
                        min_value=0,
                        max_value=100,
                        max_digits=5,
                        decimal_places=1,
                        initial=item.score,
                        required=False,
                    )
                    names.append(f"score_{item.pk}")
                else:
                    initial = item.actual if item.actual is not None else item.self_actual
                    self.fields[f"actual_{item.pk}"] = forms.DecimalField(label=_("Actual"), initial=initial, **DECIMAL)
                    names.append(f"actual_{item.pk}")
                self.fields[f"comment_{item.pk}"] = forms.CharField(
                    label=_("Comment"), initial=item.comment, required=False, max_length=300
                )
                names.append(f"comment_{item.pk}")
            self.rows.append((item, [self[name] for name in names]))
        label = _("Reason for the change (required)") if mode == "amend" else _("Comment")
        self.fields["comment"] = forms.CharField(
            label=label, required=mode == "amend", widget=forms.Textarea(attrs={"rows": 2})
        )

    def targets(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"target_{item.pk}") for item in self.items}

    def self_values(self) -> dict:
        d = self.cleaned_data
        return {item.pk: (d.get(f"self_actual_{item.pk}"), d.get(f"self_comment_{item.pk}", "")) for item in self.items}

    def score_values(self) -> dict:
        d = self.cleaned_data
        return {
            item.pk: (d.get(f"actual_{item.pk}"), d.get(f"score_{item.pk}"), d.get(f"comment_{item.pk}", ""))
            for item in self.items
        }


class InterviewForm(forms.Form):
    notes = forms.CharField(label=_("Interview notes (绩效面谈)"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the interview"))


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("I acknowledge the result"))


class CalibrateForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade after calibration"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, grades, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g, g) for g in grades]
        self.fields["grade"].initial = current
        self.helper = submit_helper(_("Calibrate and lock"))


class PeersForm(forms.Form):
    reviewers = PickerMultipleField(
        EMPLOYEES, only=("active",), queryset=Employee.objects.none(), label=_("Colleagues")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = employees_visible_to(user).active()
        self.helper = submit_helper(_("Ask for feedback"))


class PeerAnswerForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating (5 = excellent)"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    strengths = forms.CharField(
        label=_("What goes well"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    improvements = forms.CharField(
        label=_("What could be better"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Send feedback"))


class ConsequencesForm(forms.Form):
    bonus = forms.CharField(label=_("Bonus"), max_length=200, required=False)
    salary_change = forms.ModelChoiceField(label=_("Salary adjustment (调薪单)"), queryset=None, required=False)
    job_change = forms.ModelChoiceField(label=_("Promotion or job change"), queryset=None, required=False)
    training = forms.CharField(label=_("Training"), max_length=200, required=False)
    consequence_note = forms.CharField(label=_("Other consequences"), max_length=300, required=False)

    def __init__(self, *args, sheet, user, **kwargs):
        super().__init__(*args, **kwargs)
        employee = sheet.employee
        if user.sees_secret_hr_data:
            self.fields["salary_change"].queryset = employee.salary_changes.all()
            self.fields["salary_change"].label_from_instance = lambda c: f"{c.effective_date:%Y-%m-%d} · {c.reason}"
        else:  # salaries are secret (spec 01/08)
            del self.fields["salary_change"]
        self.fields["job_change"].queryset = employee.job_changes.all()
        self.helper = submit_helper(_("Save the consequences"))


class PlanForm(forms.ModelForm):
    owner = PickerField(USERS, queryset=get_user_model().objects.none(), label=_("Owner"))

    class Meta:
        model = ImprovementPlan
        fields = ["gap", "actions", "owner", "due_date"]
        widgets = {
            "gap": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 4}),
            "due_date": DATE,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = pickable_users(user)
        self.helper = submit_helper(_("Save the plan"))


class PlanFollowUpForm(forms.ModelForm):
    complete = forms.BooleanField(label=_("The plan is completed"), required=False)

    class Meta:
        model = ImprovementPlan
        fields = ["actions", "due_date", "follow_up"]
        widgets = {
            "actions": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 4}),
            "due_date": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save the follow-up"))


class GradeBandForm(forms.Form):
    grade = forms.CharField(label=_("Grade"), max_length=2)
    min_score = forms.DecimalField(
        label=_("From total score"), min_value=0, max_value=100, max_digits=5, decimal_places=1
    )
    forced_share = forms.IntegerField(label=_("Forced distribution (%)"), min_value=0, max_value=100)
    needs_plan = forms.BooleanField(label=_("Needs an improvement plan"), required=False)


GradeBandFormSet = forms.formset_factory(GradeBandForm, extra=1, can_delete=True)


class SheetFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or number"), required=False)
    cycle = forms.ModelChoiceField(
        label=_("Cycle"), queryset=Cycle.objects.exclude(status=Cycle.Status.DRAFT), required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    grade = forms.CharField(label=_("Grade"), required=False, max_length=2)
    department = department_field(required=False)

    def __init__(self, *args, **kwargs):
        from .models import SheetStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "—"), *SheetStatus.choices]
