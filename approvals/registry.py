"""Processes plug into the engine here: one adapter per subject model. The engine never imports them;
each app registers its adapters in its `approval_processes` module (autodiscovered at start-up)."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

Callback = Callable[..., None]


@dataclass(frozen=True)
class ProcessAdapter:
    """How the engine talks to one kind of subject.

    flow_code: the flow's code, or a function (subject) -> code (e.g. frontline vs staff requisitions).
    on_approved / on_rejected / on_returned / on_withdrawn / on_resubmitted: (subject, request, by) -> None,
        called inside the deciding transaction; the process changes its own status there.
    department_of: (subject) -> Department the request belongs to ("requesting department").
    conditions: {condition name: (subject) -> bool}; falls back to subject.approval_condition(name).
    context: (subject) -> {label: value} summary shown to the approver on the decision and request pages; wrap
        secret HR data (salaries) in `Secret(value)`: it is masked for readers without clearance.
    people_of: (subject) -> user ids of the people who raised the request (e.g. a requisition's author when HR
        submitted it) or whom it is about (e.g. the employee being converted). With the applicant, none of them
        decides any step of it.
    reads_secret: the approver reads secret HR data (salaries): a delegate must be cleared for it.
    """

    model: type[models.Model]
    flow_code: str | Callable[[Any], str]
    on_approved: Callback | None = None
    on_rejected: Callback | None = None
    on_returned: Callback | None = None
    on_withdrawn: Callback | None = None
    on_resubmitted: Callback | None = None
    department_of: Callable[[Any], Any] | None = None
    conditions: Mapping[str, Callable[[Any], bool]] = field(default_factory=dict)
    context: Callable[[Any], Mapping[str, Any]] | None = None
    people_of: Callable[[Any], Iterable[int | None]] | None = None
    reads_secret: bool = False

    def flow_code_for(self, subject) -> str:
        return self.flow_code(subject) if callable(self.flow_code) else self.flow_code

    def department_for(self, subject):
        if self.department_of is not None:
            return self.department_of(subject)
        return getattr(subject, "department", None)

    def condition_holds(self, name: str, subject) -> bool:
        if name in self.conditions:
            return bool(self.conditions[name](subject))
        method = getattr(subject, "approval_condition", None)
        return bool(method(name)) if method is not None else False

    def summary(self, subject) -> Mapping[str, Any]:
        return self.context(subject) if self.context is not None else {}

    def people_for(self, subject) -> set[int]:
        if self.people_of is None or subject is None:
            return set()
        return {pk for pk in self.people_of(subject) if pk is not None}

    def call(self, hook: str, subject, request, by) -> None:
        callback = getattr(self, hook)
        if callback is not None:
            callback(subject, request, by)


@dataclass(frozen=True)
class Secret:
    """A value of the decision context that is secret HR data (salary): shown only to readers with clearance."""

    value: Any


_adapters: dict[type[models.Model], ProcessAdapter] = {}


def register(model: type[models.Model], **options) -> ProcessAdapter:
    """register(JobDescription, flow_code="position_jd", on_approved=..., department_of=...)."""
    adapter = ProcessAdapter(model=model, **options)
    _adapters[model] = adapter
    return adapter


def adapter_for(subject_or_model) -> ProcessAdapter:
    model = subject_or_model if isinstance(subject_or_model, type) else type(subject_or_model)
    model = model._meta.concrete_model
    try:
        return _adapters[model]
    except KeyError:
        raise LookupError(f"No approval process registered for {model._meta.label}") from None


def is_registered(model: type[models.Model]) -> bool:
    return model._meta.concrete_model in _adapters
