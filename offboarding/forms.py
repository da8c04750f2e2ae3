"""Forms of offboarding. The labour-law checks are the services' (and the model's clean); forms only shape input."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, submit_helper
from employees.forms import EmployeeNumberField
from employees.labour_law import earliest_last_day
from employees.models import Employee

from .models import (
    COMPANY_TYPES,
    DismissalGround,
    ExitInterview,
    ExitReason,
    NoncompeteDecision,
    PostEmploymentTerms,
    SeparationType,
)


class ResignationForm(forms.Form):
    # Translators: 员工离职申请表
    reason = forms.ChoiceField(label=_("Main reason"), choices=ExitReason.choices)
    reason_text = forms.CharField(label=_("Reason in your words"), widget=forms.Textarea(attrs={"rows": 3}))
    requested_last_day = forms.DateField(label=_("Requested last working day"), widget=DATE)

    def __init__(self, *args, employee: Employee, secrecy_months: int = 0, on_paper: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        if on_paper:
            self.fields["notice_on"] = forms.DateField(label=_("Notice dated (on paper)"), widget=DATE, initial=today)
        self.earliest = earliest_last_day(
            notice_on=today, in_probation=employee.status == "probation", secrecy_months=secrecy_months
        )
        self.fields["requested_last_day"].initial = self.earliest
        self.fields["requested_last_day"].help_text = _(
            "Earliest by the notice rules: %(day)s. An earlier day is possible only if the company agrees; "
            "confirming it records that agreement."
        ) % {"day": f"{self.earliest:%Y-%m-%d}"}
        self.helper = submit_helper(_("Give notice"))

    def clean_notice_on(self):
        day = self.cleaned_data["notice_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The notice cannot be dated in the future."))
        return day


class PaperEmployeeForm(forms.Form):
    employee = EmployeeNumberField(label=_("Employee"))


class SeparationDecideForm(forms.Form):
    employee = EmployeeNumberField(label=_("Employee"))
    separation_type = forms.ChoiceField(
        label=_("Type"), choices=[(t.value, t.label) for t in SeparationType if t in COMPANY_TYPES]
    )
    ground = forms.ChoiceField(
        label=_("Legal ground (dismissal)"), choices=[("", "—"), *DismissalGround.choices], required=False
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    last_day = forms.DateField(label=_("Last working day"), widget=DATE)
    pay_in_lieu = forms.BooleanField(label=_("One month's pay in lieu of notice (art. 40)"), required=False)
    union_informed_on = forms.DateField(label=_("Trade union informed on (art. 43)"), widget=DATE, required=False)
    union_note = forms.CharField(label=_("Trade union's response"), required=False, max_length=255)
    monthly_wage = forms.DecimalField(
        label=_("Monthly wage for compensation (average of the last 12 months, yuan)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
    )
    reason_text = forms.CharField(label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = Employee.objects.active()
        self.fields["decided_on"].initial = timezone.localdate()


class OffClassifiedForm(forms.Form):
    on = forms.DateField(label=_("Moved off classified work on"), widget=DATE)
    note = forms.CharField(label=_("New duties during the secrecy period"), max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record"))


class ExitInterviewForm(forms.ModelForm):
    other_reasons = forms.MultipleChoiceField(
        label=_("Other reasons"), choices=ExitReason.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ExitInterview
        fields = ["held_on", "main_reason", "other_reasons", "would_rejoin", "comments"]
        widgets = {"held_on": DATE, "would_rejoin": forms.RadioSelect, "comments": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.helper = submit_helper(_("Save the exit interview"))

    def clean_other_reasons(self):
        return ",".join(self.cleaned_data["other_reasons"])

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class TickForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    handed_to = EmployeeNumberField(label=_("Work handed over to"), required=False)

    def __init__(self, *args, needs_handed_to: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_handed_to:
            del self.fields["handed_to"]
        self.helper = submit_helper(_("Done"))


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE, initial=datetime.date.today)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["on"].label = label
        self.fields["on"].initial = timezone.localdate()
        self.helper = submit_helper(_("Record"))


class NoncompeteForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=NoncompeteDecision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the decision"))


class RehireForm(forms.Form):
    not_eligible = forms.BooleanField(label=_("Not eligible for rehire"), required=False)
    note = forms.CharField(label=_("Reason"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class TermsForm(forms.ModelForm):
    class Meta:
        model = PostEmploymentTerms
        fields = [
            "secrecy_notice_months",
            "noncompete",
            "noncompete_basis",
            "noncompete_scope",
            "noncompete_months",
            "noncompete_monthly_compensation",
            "agreed_on",
        ]
        widgets = {"agreed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))
