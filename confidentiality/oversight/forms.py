"""Forms of oversight. They collect input; the rules (clearance, ranges, states) are the models' and services'."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, submit_helper
from core.pickers import PickerSource
from core.security import SecrecyLevel
from core.widgets import PickerField, PickerMultipleField
from employees.forms import DepartmentChoiceField
from org.models import Department

from . import policies
from .models import (
    CLASSIFIED_LEVELS,
    VENUE_CHECKLIST,
    Attendee,
    Incident,
    Inspection,
    Medium,
    Meeting,
    RelayRule,
    Responsibility,
)
from .selectors import cleared_users, is_officer

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CLEARANCE_LABELS = dict(SecrecyLevel.choices)


def _check_picker(user) -> None:
    """The user picker serves the pages that choose people here: organisers, officers and the inspectors of an open
    inspection (who name the owners of corrective actions)."""
    if is_officer(user) or policies.can_schedule_meeting(user):
        return
    if not Inspection.objects.filter(inspectors=user).exclude(status=Inspection.Status.CLOSED).exists():
        raise PermissionDenied


def _narrow_level(qs, value: str):
    return qs.filter(clearance__gte=int(value)) if value.isdigit() else qs


# Logins by name, with their clearance (who may be invited shows at once); narrowed by a level chosen beside.
CLEARED_USERS = PickerSource(
    url_name="confidentiality_oversight:pick_users",
    rows=lambda user: cleared_users(),
    check=_check_picker,
    search_fields=("username", "first_name", "last_name", "employee__name", "employee__number"),
    label=lambda u: f"{u} ({u.username}) · {CLEARANCE_LABELS.get(u.clearance, u.clearance)}",
    ordering=("username",),
    narrowing={"level": _narrow_level},
    placeholder=_("Type a name or user name…"),
)


def _users_field(**kwargs):
    return PickerField(CLEARED_USERS, queryset=cleared_users(), **kwargs)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=200)
    level = forms.TypedChoiceField(label=_("Secrecy level"), choices=CLASSIFIED_LEVELS, coerce=int)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    venue = forms.CharField(label=_("Venue"), max_length=200)
    department = DepartmentChoiceField(
        label=_("Organising department"), queryset=Department.objects.order_by("path"), required=False
    )
    attendees = PickerMultipleField(
        CLEARED_USERS,
        forward={"level": "level"},
        queryset=cleared_users(),
        label=_("Attendees"),
        required=False,
        help_text=_("Only people cleared for the meeting's level can be invited."),
    )
    relay_rule = forms.ChoiceField(label=_("Relay"), choices=RelayRule.choices)
    relay_scope = forms.CharField(label=_("Relay scope"), max_length=300, required=False)
    discipline = forms.CharField(label=_("Confidentiality discipline"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discipline"].initial = Meeting._meta.get_field("discipline").default
        self.helper = submit_helper(_("Schedule"))


class MeetingEditForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ("title", "starts_at", "venue", "relay_rule", "relay_scope", "discipline")
        widgets = {"starts_at": DATETIME, "discipline": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class AttendeesForm(forms.Form):
    level = forms.IntegerField(widget=forms.HiddenInput)
    attendees = PickerMultipleField(
        CLEARED_USERS, forward={"level": "level"}, queryset=cleared_users(), label=_("Invite")
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, initial={"level": meeting.level}, **kwargs)
        self.helper = submit_helper(_("Invite"))


class VenueCheckForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Checklist"), widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when an item is not ticked: what was wrong and what was done."),
    )

    def __init__(self, *args, stage: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = VENUE_CHECKLIST[stage]
        self.helper = submit_helper(_("Record the check"))


class HandoutIssueForm(forms.Form):
    material = forms.CharField(label=_("Material"), max_length=200)
    recipients = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=Attendee.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = meeting.attendees.select_related("user").order_by("pk")
        self.fields["recipients"].label_from_instance = lambda a: str(a.user)
        self.helper = submit_helper(_("Issue numbered copies"))


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Meeting minutes"), widget=forms.Textarea(attrs={"rows": 8}))
    minutes_level = forms.TypedChoiceField(
        label=_("Secrecy level of the minutes"), choices=CLASSIFIED_LEVELS, coerce=int
    )
    minutes_keeper = _users_field(label=_("Minutes kept by"), forward={"level": "minutes_level"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save the minutes"))


class IncidentReportForm(forms.Form):
    found_on = forms.DateField(label=_("Found on"), widget=DATE)
    what = forms.CharField(label=_("What leaked or may have leaked"), widget=forms.Textarea(attrs={"rows": 4}))
    how = forms.CharField(label=_("How you noticed it"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Report"))


class InvestigationForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ("level", "investigation", "remedial_actions", "loss")
        widgets = {
            "investigation": forms.Textarea(attrs={"rows": 4}),
            "remedial_actions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save the investigation"))


class ResponsibilityForm(forms.ModelForm):
    person = _users_field(label=_("Responsible person"))

    class Meta:
        model = Responsibility
        fields = ("person", "severity", "warning", "penalty", "dismissal", "compensation", "legal_action", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record"))


class DecisionForm(forms.Form):
    decision_summary = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the decision"))


class RewardForm(forms.Form):
    person = _users_field(label=_("Rewarded person"))
    amount = forms.DecimalField(label=_("Amount (yuan)"), min_value=0, max_digits=10, decimal_places=2, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    decided_on = forms.DateField(label=_("Decided by the office meeting on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the reward"))


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Inspection.Kind.choices)
    holiday = forms.ChoiceField(
        label=_("Holiday"), choices=[("", "—"), *Inspection._meta.get_field("holiday").choices], required=False
    )
    planned_on = forms.DateField(label=_("Planned on"), widget=DATE)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments inspected"),
        queryset=Department.objects.order_by("path"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    inspectors = PickerMultipleField(CLEARED_USERS, queryset=cleared_users(), label=_("Inspectors"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].label_from_instance = lambda d: f"{d.code} {d.name}"
        self.helper = submit_helper(_("Plan"))


class InspectionRecordForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ("done_on", "findings")
        widgets = {"done_on": DATE, "findings": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.helper = submit_helper(_("Record the inspection"))


class ActionForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    finding = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(label=_("Corrective action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = _users_field(label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=DATE)

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = inspection.departments.order_by("path")
        self.helper = submit_helper(_("Add the action"))


class ActionCloseForm(forms.Form):
    closure_note = forms.CharField(label=_("How it was corrected"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Close the action"))


class MediumForm(forms.ModelForm):
    custodian = _users_field(label=_("Custodian"), forward={"level": "level"})
    department = DepartmentChoiceField(label=_("Department"), queryset=Department.objects.order_by("path"))

    class Meta:
        model = Medium
        fields = ("serial", "kind", "description", "level", "department", "custodian")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Register"))


class MediumIssueForm(forms.Form):
    level = forms.IntegerField(widget=forms.HiddenInput)
    holder = _users_field(label=_("Issue to"), forward={"level": "level"})
    purpose = forms.CharField(label=_("Purpose"), max_length=200)
    due_back = forms.DateField(label=_("Due back on"), widget=DATE)

    def __init__(self, *args, medium: Medium, **kwargs):
        super().__init__(*args, initial={"level": medium.level}, **kwargs)
        self.helper = submit_helper(_("Issue"))


class MediumLostForm(forms.Form):
    details = forms.CharField(label=_("When and where it was last seen"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Report lost"))
