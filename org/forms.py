"""Forms for positions and their job descriptions (spec 01)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.access import require_department_scope
from core.pickers import PickerSource
from core.widgets import CompactModelChoiceField

from .models import Department, JobDescription, Position, PositionCategory
from .policies import can_set_special_post
from .selectors import departments_visible_to, positions_visible_to
from .services import duties_check

YES_NO = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]

# Positions picked by search (core.pickers): the user's scope, by code, title or department.
POSITIONS = PickerSource(
    url_name="org:pick_positions",
    rows=positions_visible_to,
    check=require_department_scope,
    search_fields=("code", "title", "department__name"),
    pinyin="",
    label=lambda p: f"{p.department.name} · {p.title} ({p.code})",
    ordering=("department__path", "code"),
    select_related=("department",),
    filters={"active": lambda qs: qs.filter(is_active=True)},
    narrowing={"department": lambda qs, pk: qs.filter(department_id=pk) if pk.isdigit() else qs.none()},
    placeholder=_("Type a title, code or department…"),
)


class PositionFilterForm(forms.Form):
    q = forms.CharField(label=_("Code or title"), required=False)
    department = CompactModelChoiceField(
        label=_("Department (with its sections)"),
        queryset=Department.objects.none(),
        required=False,
        option_fields=("name",),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *PositionCategory.choices], required=False
    )
    special = forms.ChoiceField(label=_("Special post"), choices=YES_NO, required=False)
    key = forms.ChoiceField(label=_("Key post"), choices=YES_NO, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_visible_to(user)


class PositionForm(forms.ModelForm):
    """A new position. The special-post fields appear only for R&D or an administrator."""

    class Meta:
        model = Position
        fields = [
            "department",
            "code",
            "title",
            "category",
            "authorised_headcount",
            "is_key",
            "is_quality_relevant",
            "occupational_hazards",
            "is_special",
            "special_basis",
            "special_basis_note",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_visible_to(user).filter(is_active=True)
        if not can_set_special_post(user):
            for name in ("is_special", "special_basis", "special_basis_note"):
                del self.fields[name]


class JobDescriptionForm(forms.ModelForm):
    """岗位职位说明书: duties (one per line, the first supports the quality policy) and qualifications."""

    comment = forms.CharField(
        label=_("Note to the approvers"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = JobDescription
        fields = ["duties", "education", "experience", "required_training", "skills"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "duties": _("One duty per line, in order. The first line must be “Support the company quality policy”.")
        }

    def clean_duties(self):
        duties = self.cleaned_data["duties"]
        try:
            duties_check(duties)
        except ValidationError as error:
            raise ValidationError(error.message_dict["duties"]) from None
        return "\n".join(line.strip() for line in duties.splitlines() if line.strip())

    def jd_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class SpecialPostForm(forms.ModelForm):
    """R&D decides special posts from customer and legal requirements, and records the basis."""

    class Meta:
        model = Position
        fields = ["is_special", "special_basis", "special_basis_note"]

    def clean(self):
        data = super().clean()
        if data.get("is_special") and not data.get("special_basis"):
            self.add_error("special_basis", _("Say whether a customer requirement or a regulation makes it special."))
        if data.get("is_special") and not data.get("special_basis_note", "").strip():
            self.add_error("special_basis_note", _("Name the customer requirement or the regulation."))
        return data
