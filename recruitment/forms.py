"""Forms of recruitment. They collect input; the rules live in the services, whose errors land on the fields."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.access import require_hr
from core.forms import DATE
from core.pickers import PickerSource
from core.widgets import CompactModelChoiceField, PickerField, PickerMultipleField
from employees.forms import USERS
from employees.models import Education
from org.forms import POSITIONS, JobDescriptionForm
from org.models import Position
from org.selectors import departments_visible_to, positions_visible_to
from org.services import QUALITY_POLICY_DUTIES

from .models import (
    CERTIFICATE_CHECKS,
    MANUAL_STAGES,
    ROUND_SCORES,
    Candidate,
    Channel,
    Evaluation,
    Interview,
    Offer,
    Recommendation,
    Requisition,
    Stage,
)
from .selectors import applicable_rounds, candidates_visible_to, requisitions_visible_to
from .services.candidates import CANDIDATE_FIELDS
from .services.interviews import ROUND_REQUIRED_EXTRA
from .views._access import require_recruitment_user

User = get_user_model()
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

# Candidates and requisitions picked by search (core.pickers), each in the user's scope.
CANDIDATES = PickerSource(
    url_name="recruitment:pick_candidates",
    rows=lambda user: candidates_visible_to(user).not_anonymised(),
    check=require_hr,
    search_fields=("name", "phone", "email"),
    pinyin="",
    label=lambda c: " · ".join(part for part in (c.name, c.phone or c.email) if part),
    ordering=("name", "pk"),
    placeholder=_("Type a name, phone or e-mail…"),
)
REQUISITIONS = PickerSource(
    url_name="recruitment:pick_requisitions",
    rows=requisitions_visible_to,
    check=require_recruitment_user,
    search_fields=("number", "position__title", "position__code"),
    pinyin="position__",
    label=lambda r: f"{r.number or _('Draft')} · {r.position.title} × {r.headcount}",
    ordering=("-pk",),
    select_related=("position",),
    filters={
        "open": lambda qs: qs.filter(status__in=Requisition.OPEN_STATUSES),
        "recruiting": lambda qs: qs.filter(status__in=[Requisition.Status.APPROVED, Requisition.Status.RECRUITING]),
    },
    placeholder=_("Type a number or position…"),
)


class RequisitionForm(forms.ModelForm):
    """人员增补申请表. On a new requisition "new post" replaces the position by the new post's own forms."""

    new_position = forms.BooleanField(
        label=_("New post (新增岗位): the position does not exist yet"),
        required=False,
        help_text=_(
            "Write the position and its job description below; they are approved with this requisition "
            "(HR manager and general manager)."
        ),
        widget=forms.CheckboxInput(attrs={"data-bs-toggle": "collapse", "data-bs-target": "#new-post"}),
    )
    position = PickerField(POSITIONS, only=("active",), queryset=Position.objects.none(), label=capfirst(_("position")))

    class Meta:
        model = Requisition
        fields = [
            "position",
            "headcount",
            "reason",
            "employment_type",
            "desired_start_date",
            "urgency",
            "requirements",
            "remarks",
        ]
        widgets = {
            "desired_start_date": DATE,
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "remarks": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = (
            positions_visible_to(user)
            .filter(is_active=True)
            .select_related("department")
            .order_by("department__path", "code")
        )
        self.fields["position"].label_from_instance = lambda p: f"{p.department.name} · {p.title} ({p.code})"
        # The headcount panel beside the form follows the chosen position and number (htmx).
        panel = {
            "hx-get": reverse("recruitment:headcount_panel"),
            "hx-target": "#headcount-panel",
            "hx-swap": "outerHTML",
        }
        self.fields["position"].widget.attrs.update(panel, **{"hx-trigger": "change", "hx-include": "#id_headcount"})
        self.fields["headcount"].widget.attrs.update(
            panel, **{"hx-trigger": "change, keyup changed delay:400ms", "hx-include": "#id_position"}
        )
        if self.instance.pk:
            del self.fields["new_position"]
            if self.instance.is_new_position:
                del self.fields["position"]
        else:
            # A new post has no position yet and its reason is "new post"; clean() asks for both otherwise.
            self.fields["position"].required = False
            self.fields["reason"].required = False
            self.order_fields(["new_position", "position"])

    def clean(self):
        data = super().clean()
        if "new_position" not in self.fields:
            return data
        if data.get("new_position"):
            data["position"] = None
            data["reason"] = Requisition.Reason.NEW_POST
            return data
        if not data.get("position") and "position" not in self.errors:
            self.add_error("position", _("Choose the position, or tick “New post” and write it below."))
        if not data.get("reason") and "reason" not in self.errors:
            self.add_error("reason", forms.Field.default_error_messages["required"])
        return data


class NewPositionForm(forms.ModelForm):
    """The new post a department head asks for: in one of their departments, approved with the requisition."""

    # Folded away unless "new post" is ticked: a hidden required input would block the browser's submit.
    use_required_attribute = False

    class Meta:
        model = Position
        fields = ["department", "title", "code", "category", "authorised_headcount"]
        labels = {"code": _("Code (suggestion)")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_visible_to(user).filter(is_active=True).order_by("path")
        self.fields["authorised_headcount"].widget.attrs["min"] = 1
        if not self.instance.pk:
            self.initial["authorised_headcount"] = 1
        self.fields["authorised_headcount"].validators.append(MinValueValidator(1))


class NewPostJobDescriptionForm(JobDescriptionForm):
    """The new post's job description (岗位职位说明书), checked as every job description is."""

    comment = None
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        english, chinese = QUALITY_POLICY_DUTIES
        self.fields["duties"].initial = (
            chinese if (get_language() or "").startswith("zh") else english.capitalize()
        ) + "\n"


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RequisitionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "---------")] + Requisition.Status.choices
    )
    department = CompactModelChoiceField(label=_("Department"), required=False, queryset=None, option_fields=("name",))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_visible_to(user).order_by("path")


class PlanForm(forms.Form):
    owner = PickerField(USERS, only=("hr",), label=_("Owner"), queryset=None)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), widget=DATE)
    budget = forms.DecimalField(label=_("Budget (yuan)"), min_value=0, max_digits=10, decimal_places=2)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = USERS.filters["hr"](USERS.rows(user)).order_by("username")


class PlanChannelForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices, widget=forms.HiddenInput)
    use = forms.BooleanField(label=_("Use"), required=False)
    start_date = forms.DateField(label=_("From"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("Until"), required=False, widget=DATE)
    cost = forms.DecimalField(label=_("Cost (yuan)"), required=False, min_value=0, max_digits=10, decimal_places=2)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=200)

    @property
    def channel_label(self):
        value = self["channel"].value()
        return Channel(value).label if value in Channel.values else value

    def channel_data(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("use"):
            return None
        return {
            "channel": data["channel"],
            "start_date": data.get("start_date"),
            "end_date": data.get("end_date"),
            "cost": data.get("cost") or 0,
            "notes": data.get("notes") or "",
        }


PlanChannelFormSet = forms.formset_factory(PlanChannelForm, extra=0)


class CandidateForm(forms.ModelForm):
    resume_upload = forms.FileField(
        label=_("Resume (PDF, DOC, DOCX or JPG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.jpg,.jpeg"}),
    )
    consent_given = forms.BooleanField(
        label=_("The candidate received the privacy notice and consented to the processing of their data (PIPL)"),
        required=True,
    )

    class Meta:
        model = Candidate
        fields = list(CANDIDATE_FIELDS)
        widgets = {"work_experience": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["consent_given"]
            if not user.sees_secret_hr_data:
                # Users who may not see ID numbers cannot change one they cannot read either.
                del self.fields["id_number"]

    def _post_clean(self):
        # The service validates (duplicates, consent) and saves; skip the ModelForm's instance validation.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("resume_upload", None)
        data.pop("consent_given", None)
        return data


class CandidateFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name, phone or e-mail"), required=False)
    source_channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", "---------")] + Channel.choices
    )
    education = forms.ChoiceField(label=_("Education"), required=False, choices=[("", "---------")] + Education.choices)
    pool = forms.ChoiceField(
        label=_("Talent pool"),
        required=False,
        choices=[("", "---------"), ("yes", _("Consented")), ("no", _("Not consented"))],
    )


class CandidateImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )


class ApplicationCreateForm(forms.Form):
    candidate = PickerField(CANDIDATES, label=_("Candidate"), queryset=Candidate.objects.none())
    requisition = PickerField(
        REQUISITIONS, only=("recruiting",), label=_("Requisition"), queryset=Requisition.objects.none()
    )
    applied_on = forms.DateField(label=_("Applied on"), widget=DATE)
    comment = forms.CharField(label=_("Comment"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = CANDIDATES.rows(user)
        self.fields["requisition"].queryset = (
            requisitions_visible_to(user)
            .filter(status__in=[Requisition.Status.APPROVED, Requisition.Status.RECRUITING])
            .select_related("position")
            .order_by("-pk")
        )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Candidate"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", "---------")] + Stage.choices)
    requisition = PickerField(REQUISITIONS, only=("open",), label=_("Requisition"), required=False, queryset=None)
    department = CompactModelChoiceField(label=_("Department"), required=False, queryset=None, option_fields=("name",))
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", "---------")] + Channel.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Open requisitions to choose from (plus the one filtered on), not the whole history.
        selected = str(self.data.get("requisition") or "")
        open_or_selected = Q(status__in=Requisition.OPEN_STATUSES)
        if selected.isdigit():
            open_or_selected |= Q(pk=int(selected))
        self.fields["requisition"].queryset = (
            requisitions_visible_to(user).filter(open_or_selected).select_related("position").order_by("-pk")
        )
        self.fields["department"].queryset = departments_visible_to(user).order_by("path")


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(
        label=_("Move to"),
        choices=[("", _("Move to…"))]
        + [(s.value, s.label) for s in MANUAL_STAGES]
        + [(Stage.REJECTED, Stage.REJECTED.label), (Stage.WITHDRAWN, Stage.WITHDRAWN.label)],
    )
    reason = forms.CharField(
        label=_("Reason (needed to skip a stage, go back or close)"), required=False, max_length=300
    )


class InterviewForm(forms.ModelForm):
    remote_link = forms.URLField(label=_("remote-meeting link (远程面试)"), required=False, assume_scheme="https")
    skip_reason = forms.CharField(
        label=_("Reason for skipping earlier stages (if any)"), required=False, max_length=300
    )
    interviewers = PickerMultipleField(USERS, label=capfirst(_("interviewers")), queryset=User.objects.none())

    class Meta:
        model = Interview
        fields = ["round", "scheduled_at", "duration_minutes", "place", "remote_link", "interviewers", "notes"]
        widgets = {"scheduled_at": DATETIME, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, application, user, **kwargs):
        super().__init__(*args, **kwargs)
        rounds = applicable_rounds(application.requisition.position)
        self.fields["round"].choices = [(r, Stage(r).label) for r in rounds]
        self.fields["scheduled_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["interviewers"].queryset = USERS.rows(user).order_by("username")

    def _post_clean(self):
        pass


SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]
YES_NO = [(True, _("Yes")), (False, _("No"))]


class EvaluationForm(forms.Form):
    """The fields of the 面试评价表 for one round: its scores 1–5, its checks, and the recommendation."""

    def __init__(self, *args, interview: Interview, **kwargs):
        super().__init__(*args, **kwargs)
        meta = Evaluation._meta
        for name in ROUND_SCORES[interview.round]:
            self.fields[name] = forms.TypedChoiceField(
                label=meta.get_field(name).verbose_name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
            )
        for name in ROUND_REQUIRED_EXTRA[interview.round]:
            field = meta.get_field(name)
            if name in CERTIFICATE_CHECKS:
                self.fields[name] = forms.TypedChoiceField(
                    label=field.verbose_name,
                    choices=YES_NO,
                    coerce=lambda v: v in (True, "True"),
                    widget=forms.RadioSelect,
                )
            elif name == "gm_opinion":
                self.fields[name] = forms.CharField(label=field.verbose_name, widget=forms.Textarea(attrs={"rows": 3}))
            else:
                self.fields[name] = forms.DecimalField(
                    label=field.verbose_name, min_value=0, max_value=100, decimal_places=1
                )
        self.fields["comments"] = forms.CharField(
            label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
        self.fields["recommendation"] = forms.ChoiceField(
            label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
        )


class OfferForm(forms.ModelForm):
    id_number = forms.CharField(
        label=_("Candidate's ID number (居民身份证号)"),
        required=False,
        max_length=18,
        help_text=_("Needed for the offer; leave empty to keep the one on file."),
    )

    class Meta:
        model = Offer
        fields = [
            "start_date",
            "salary",
            "contract_type",
            "contract_months",
            "probation_months",
            "probation_salary",
            "conditions",
            "notes",
        ]
        widgets = {
            "start_date": DATE,
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OfferSubmitForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False)
    skip_reason = forms.CharField(label=_("Reason for skipping remaining stages (if any)"), required=False)
