"""Forms of the register. Pickers search only what the user may reach (documents through the one rule)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.forms import DATE
from core.pickers import PickerSource
from core.security import SecrecyLevel
from core.widgets import PickerField
from employees.forms import USERS, DepartmentChoiceField
from org.models import Department

from .models import CLASSIFIED_LEVELS, Disclosure, Document, EventKind, ReproductionKind
from .selectors import documents_visible_to, is_keeper


def _require_keeper(user) -> None:
    if not is_keeper(user):
        raise PermissionDenied


def cleared_users(user):
    """Whom a records keeper may issue to, name as witness or hand over to: active logins cleared for secret."""
    if not is_keeper(user):
        return get_user_model().objects.none()
    return get_user_model().objects.filter(is_active=True, clearance__gte=SecrecyLevel.SECRET)


PEOPLE = PickerSource(
    url_name="confidentiality:pick_people",
    rows=cleared_users,
    check=_require_keeper,
    search_fields=USERS.search_fields,
    label=USERS.label,
    ordering=USERS.ordering,
    keys=("pk", "username"),
    placeholder=USERS.placeholder,
)
DOCUMENTS = PickerSource(
    url_name="confidentiality:pick_documents",
    rows=documents_visible_to,
    check=lambda user: None,  # everyone may search; an uncleared user finds nothing
    search_fields=("number", "title"),
    label=lambda d: f"{d.number} {d.title}",
    ordering=("number",),
    keys=("pk", "number"),
    placeholder=_("Type a document number or title…"),
)


class DocumentForm(forms.ModelForm):
    owning_department = DepartmentChoiceField(
        queryset=Department.objects.filter(is_active=True), label=_("owning department (主办部门)")
    )
    upload = forms.FileField(
        label=_("electronic file (PDF)"),
        required=False,
        help_text=_(
            "PDF only; stored encrypted. Top-secret documents are kept on paper only unless the policy allows."
        ),
    )

    class Meta:
        model = Document
        fields = [
            "number",
            "title",
            "level",
            "owning_department",
            "level_basis",
            "classified_on",
            "declassify_on",
            "carrier",
            "pages",
            "copies_count",
            "knowledge_scope",
            "distribution_scope",
            "return_deadline",
            "location",
        ]
        widgets = {
            "classified_on": DATE,
            "declassify_on": DATE,
            "return_deadline": DATE,
            "knowledge_scope": forms.Textarea(attrs={"rows": 2}),
            "distribution_scope": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Nobody registers above their own clearance.
        self.fields["level"].choices = [(v, label) for v, label in CLASSIFIED_LEVELS if v <= user.clearance]
        if self.instance.pk:
            del self.fields["copies_count"]
            self.fields["number"].disabled = True


class UploadForm(forms.Form):
    upload = forms.FileField(label=_("electronic file (PDF)"))


class IssueForm(forms.Form):
    recipient = PickerField(PEOPLE, label=_("recipient"), queryset=get_user_model().objects.none())
    return_due = forms.DateField(label=_("return deadline"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = cleared_users(user)


class AccessRequestForm(forms.Form):
    number = forms.CharField(label=_("document number"), max_length=40)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    until = forms.DateField(label=_("access needed until"), widget=DATE)


class ReproductionForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ReproductionKind.choices)
    copies = forms.IntegerField(label=_("number of copies"), min_value=1, max_value=20, initial=1)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    return_due = forms.DateField(label=_("return deadline"), widget=DATE)


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = Disclosure
        fields = ["recipient_organisation", "what", "why", "agreement"]
        widgets = {"what": forms.Textarea(attrs={"rows": 2}), "why": forms.Textarea(attrs={"rows": 2})}


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=200)


class ExtendForm(forms.Form):
    declassify_on = forms.DateField(label=_("new declassification date"), widget=DATE)


class DestructionForm(forms.Form):
    witness = PickerField(PEOPLE, label=_("witness"), queryset=get_user_model().objects.none())
    method = forms.CharField(label=_("method"), max_length=100, initial=_("shredded"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["witness"].queryset = cleared_users(user)


class HandoverForm(forms.Form):
    to_keeper = PickerField(PEOPLE, label=_("taken over by"), queryset=get_user_model().objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_keeper"].queryset = cleared_users(user)


class LogFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("event"), choices=[("", "—"), *EventKind.choices], required=False)
    document = PickerField(DOCUMENTS, label=_("document"), queryset=Document.objects.none(), required=False)
    person = forms.CharField(label=_("user name"), required=False, max_length=150)
    since = forms.DateField(label=_("from"), widget=DATE, required=False)
    until = forms.DateField(label=_("until"), widget=DATE, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents_visible_to(user)
