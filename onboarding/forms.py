"""Forms of onboarding and probation. The rules live in the services; forms only collect and type the input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, submit_helper
from core.validators import validate_id_number
from employees.models import ContractType, DocumentKind, Education

from .models import Recommendation, SafetyLevel

SCORES = [(n, str(n)) for n in range(5, 0, -1)]


def money(label):
    return forms.DecimalField(label=label, max_digits=10, decimal_places=2, min_value=0)


class CaseStartForm(forms.Form):
    """A direct hire by HR: the terms an offer would carry."""

    agreed_salary = money(_("Agreed salary (monthly, yuan)"))
    contract_type = forms.ChoiceField(label=_("Labour contract type"), choices=ContractType.choices, required=False)
    contract_months = forms.IntegerField(label=_("Contract term (months)"), min_value=1, required=False)
    probation_months = forms.IntegerField(label=_("Probation (months)"), min_value=0, max_value=6, initial=0)
    probation_salary = forms.DecimalField(
        label=_("Probation salary (monthly, yuan)"), max_digits=10, decimal_places=2, min_value=0, required=False
    )
    conditions = forms.CharField(
        label=_("Conditions of employment (录用条件)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    dormitory_requested = forms.BooleanField(label=_("Dormitory requested (宿舍)"), required=False)
    canteen_requested = forms.BooleanField(label=_("Canteen requested (食堂)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Start onboarding"))


class TaskCompleteForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    understanding_check = forms.CharField(
        label=_("Check of understanding"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Ask the employee to explain the quality policy, the relevant quality objectives, their own "
            "contribution and the consequences of not conforming for the customer; note the answers."
        ),
    )
    understanding_passed = forms.BooleanField(label=_("Understanding confirmed"), required=False)
    institution = forms.CharField(label=_("Examining institution"), max_length=120, required=False)
    fit_for_post = forms.BooleanField(
        label=_("Fit for the post (no occupational contraindication)"),
        required=False,
        help_text=_("Occupational Disease Prevention Law art. 35: only a fit person takes the post."),
    )

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        if task is not None and not task.checks_understanding:
            del self.fields["understanding_check"]
            del self.fields["understanding_passed"]
        if task is None or task.code != "health_check":
            del self.fields["institution"]
            del self.fields["fit_for_post"]
        self.helper = submit_helper(_("Mark done"))


class ReviewForm(forms.Form):
    performance = forms.TypedChoiceField(label=_("Work performance (工作绩效)"), choices=SCORES, coerce=int)
    ability = forms.TypedChoiceField(label=_("Ability (工作能力)"), choices=SCORES, coerce=int)
    attitude = forms.TypedChoiceField(label=_("Attitude (工作态度)"), choices=SCORES, coerce=int)
    discipline = forms.TypedChoiceField(label=_("Discipline (纪律)"), choices=SCORES, coerce=int)
    comments = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}))
    conditions_met = forms.TypedChoiceField(
        label=_("Meets the conditions of employment (录用条件)"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    conditions_assessment = forms.CharField(
        label=_("Assessment against each condition"), widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
    proposed_salary = forms.DecimalField(
        label=_("Proposed salary after conversion"), max_digits=10, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, show_salary=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_salary:
            del self.fields["proposed_salary"]
        self.helper = submit_helper(_("Submit review"))


class SelfReportForm(forms.Form):
    work_summary = forms.CharField(label=_("Work done in probation"), widget=forms.Textarea(attrs={"rows": 4}))
    achievements = forms.CharField(label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    shortcomings = forms.CharField(
        label=_("Shortcomings and what I learned"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    plans = forms.CharField(label=_("Plans after conversion"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Submit self-report"))


class ExtensionForm(forms.Form):
    added_months = forms.IntegerField(label=_("Extend by (months)"), min_value=1, max_value=5)
    agreement = forms.CharField(
        label=_("Agreement with the employee"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How and when the employee agreed (e.g. signed extension agreement)."),
    )
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record extension"))


class ConversionForm(forms.Form):
    """The 调薪单 that goes with the conversion."""

    new_salary = money(_("New salary (monthly, yuan)"))
    effective_date = forms.DateField(
        label=_("Effective date"),
        widget=DATE,
        help_text=_("The employee becomes regular on the new salary on this date, not on approval."),
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    change_agreed_on = forms.DateField(
        label=_("Contract change agreed on (变更劳动合同协议)"),
        widget=DATE,
        required=False,
        help_text=_("Only for a salary below the wage agreed in the offer and contract (LCL arts. 29, 35)."),
    )
    change_note = forms.CharField(
        label=_("What the agreement changes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    change_file = forms.FileField(label=_("Signed agreement (PDF, JPG or PNG)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Submit for approval"))


class ContractRecordForm(forms.Form):
    """The labour contract with the terms of the accepted offer filled in."""

    number = forms.CharField(label=_("Contract number"), max_length=40)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), widget=DATE, required=False)
    probation_months = forms.IntegerField(label=_("Probation (months)"), min_value=0, max_value=6)
    salary = money(_("Wage (monthly, yuan)"))
    probation_salary = forms.DecimalField(
        label=_("Probation wage (monthly, yuan)"), max_digits=10, decimal_places=2, min_value=0, required=False
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save contract"))


class SafetyEducationForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=SafetyLevel.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DATE, initial=timezone.localdate)
    hours = forms.DecimalField(label=_("Hours"), max_digits=4, decimal_places=1, min_value=0)
    trainer = forms.CharField(label=_("Trainer"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record"))


class TerminationForm(forms.Form):
    reason = forms.CharField(
        label=_("How the conditions of employment (录用条件) were not met"), widget=forms.Textarea(attrs={"rows": 4})
    )
    separation_date = forms.DateField(label=_("Separation date"), widget=DATE, initial=timezone.localdate)
    union_informed_on = forms.DateField(label=_("Trade union informed on (art. 43)"), widget=DATE)
    union_note = forms.CharField(label=_("Trade union's response"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Terminate in probation"))


PHONE_RE = r"^\+?[0-9][0-9 -]{6,19}$"


class RegistrationForm(forms.Form):
    """The employee registration form (员工资料登记表) as the new hire fills it in on their phone. Bank details
    are left to payroll."""

    id_number = forms.CharField(
        label=_("ID number (居民身份证号)"),
        max_length=18,
        min_length=18,
        validators=[validate_id_number],
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
        help_text=_("As on your resident identity card; checked against your offer."),
    )
    phone = forms.RegexField(
        label=_("Mobile phone"), regex=PHONE_RE, max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Home address"), max_length=200)
    emergency_contact = forms.CharField(label=_("Emergency contact"), max_length=50)
    emergency_phone = forms.RegexField(
        label=_("Emergency contact phone"),
        regex=PHONE_RE,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    cv = forms.FileField(label=_("CV (员工履历表)"))
    id_copy = forms.FileField(label=_("ID card, both sides (身份证复印件)"))
    education_certificate = forms.FileField(label=_("Education certificate (学历证书)"))
    qualification = forms.FileField(label=_("Qualification certificate (资格证书), if any"), required=False)
    confirm = forms.BooleanField(label=_("I confirm that what I entered is true and complete."))

    FILE_KINDS = {
        "cv": DocumentKind.CV,
        "id_copy": DocumentKind.ID_COPY,
        "education_certificate": DocumentKind.EDUCATION,
        "qualification": DocumentKind.QUALIFICATION,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Send"))
        self.helper.form_id = "registration-form"

    def files_by_kind(self) -> dict:
        return {kind: self.cleaned_data[name] for name, kind in self.FILE_KINDS.items() if self.cleaned_data.get(name)}
