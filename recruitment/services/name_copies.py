"""Where a candidate's name (and contact data) was copied into text, and clearing it there (PIPL).

Notifications, approval subjects and comments, recruitment events, closing reasons, interview notes and
the offer's texts copy the candidate's name at the time they are written. Anonymising the candidate has to
clear those copies too, in the same transaction. Only rows that belong to the candidate are touched — by
link (the notification's URL or its reminder's object) or by owner (the candidate's applications,
interviews, offers and their approval requests) — so another person with the same name keeps theirs.
A constant number of queries however many candidates are anonymised at once.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from approvals.models import Decision, Request, RequestStep
from notifications.models import Notification, ReminderDelivery

from ..models import Application, Candidate, Event, Interview, Offer

# (old text, replacement) pairs per candidate id.
Replacements = dict[int, list[tuple[str, str]]]


def identifiers(candidate: Candidate) -> list[str]:
    """What identifies the person in free text, longest first (an e-mail before the name inside it)."""
    values = {candidate.name, candidate.phone, candidate.email, candidate.id_number}
    return sorted((v for v in values if v and v.strip()), key=len, reverse=True)


def _replace(text: str, pairs: Iterable[tuple[str, str]]) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def _rewrite(rows: Iterable[models.Model], fields: list[str], owner_of, replacements: Replacements) -> None:
    """Apply the owner's replacements to the rows' text fields; save only the rows that changed."""
    changed = []
    model = None
    for row in rows:
        model = type(row)
        pairs = replacements.get(owner_of(row), ())
        dirty = False
        for field in fields:
            value = getattr(row, field)
            new = _replace(value, pairs) if value else value
            if new != value:
                setattr(row, field, new)
                dirty = True
        if dirty:
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=500)


def clear_name_copies(replacements: Replacements) -> None:
    """Replace each candidate's identifiers with their anonymised label wherever they were copied."""
    if not replacements:
        return
    candidate_ids = list(replacements)
    applications = {a.pk: a.candidate_id for a in Application.objects.filter(candidate_id__in=candidate_ids)}
    interviews = list(Interview.objects.filter(application_id__in=applications))
    offers = list(Offer.objects.filter(application_id__in=applications))
    offer_owner = {o.pk: applications[o.application_id] for o in offers}
    requests = list(
        Request.objects.filter(content_type=ContentType.objects.get_for_model(Offer), object_id__in=offer_owner)
    )
    request_owner = {r.pk: offer_owner[r.object_id] for r in requests}
    steps = {s.pk: request_owner[s.request_id] for s in RequestStep.objects.filter(request_id__in=request_owner)}

    # Every link a notification about the candidate carries, and the objects reminders were keyed on.
    by_url: dict[str, int] = {}
    by_object: dict[tuple[int, str], int] = {}
    ct = ContentType.objects.get_for_models(Candidate, Application, Interview, Offer, Request, RequestStep)
    for pk in candidate_ids:
        by_url[Candidate(pk=pk).get_absolute_url()] = pk
        by_object[(ct[Candidate].pk, str(pk))] = pk
    for pk, owner in applications.items():
        by_url[Application(pk=pk).get_absolute_url()] = owner
        by_object[(ct[Application].pk, str(pk))] = owner
    for interview in interviews:
        owner = applications[interview.application_id]
        by_url[interview.get_absolute_url()] = owner
        by_object[(ct[Interview].pk, str(interview.pk))] = owner
    for offer in offers:
        by_url[offer.get_absolute_url()] = offer_owner[offer.pk]
        by_object[(ct[Offer].pk, str(offer.pk))] = offer_owner[offer.pk]
    for request in requests:
        by_url[request.get_absolute_url()] = request_owner[request.pk]
        by_object[(ct[Request].pk, str(request.pk))] = request_owner[request.pk]
    for pk, owner in steps.items():
        by_url[RequestStep(pk=pk).get_absolute_url()] = owner
        by_object[(ct[RequestStep].pk, str(pk))] = owner

    notification_owner: dict[int, int] = {}
    for pk, url in Notification.objects.filter(url__in=list(by_url)).values_list("pk", "url"):
        notification_owner[pk] = by_url[url]
    keyed = defaultdict(list)
    for ct_id, object_id in by_object:
        keyed[ct_id].append(object_id)
    delivery_filter = models.Q(pk__in=[])
    for ct_id, object_ids in keyed.items():
        delivery_filter |= models.Q(content_type_id=ct_id, object_id__in=object_ids)
    for ct_id, object_id, notification_id in ReminderDelivery.objects.filter(
        delivery_filter, notification__isnull=False
    ).values_list("content_type_id", "object_id", "notification_id"):
        notification_owner[notification_id] = by_object[(ct_id, object_id)]

    _rewrite(
        Notification.objects.filter(pk__in=list(notification_owner)),
        ["title", "body"],
        lambda n: notification_owner[n.pk],
        replacements,
    )
    _rewrite(requests, ["subject_label"], lambda r: request_owner[r.pk], replacements)
    _rewrite(
        Decision.objects.filter(request_id__in=request_owner),
        ["comment"],
        lambda d: request_owner[d.request_id],
        replacements,
    )
    _rewrite(
        Event.objects.filter(application_id__in=applications),
        ["comment"],
        lambda e: applications[e.application_id],
        replacements,
    )
    _rewrite(
        Application.objects.filter(pk__in=list(applications)),
        ["closed_reason"],
        lambda a: a.candidate_id,
        replacements,
    )
    _rewrite(interviews, ["notes"], lambda i: applications[i.application_id], replacements)
    _rewrite(offers, ["conditions", "notes"], lambda o: offer_owner[o.pk], replacements)
    # The admin site's own history names the object it changed.
    admin_owner = {(ct[Candidate].pk, str(pk)): pk for pk in candidate_ids}
    admin_owner.update({(ct[Application].pk, str(pk)): owner for pk, owner in applications.items()})
    admin_owner.update({(ct[Offer].pk, str(pk)): owner for pk, owner in offer_owner.items()})
    admin_filter = models.Q(pk__in=[])
    for ct_id in {key[0] for key in admin_owner}:
        admin_filter |= models.Q(content_type_id=ct_id, object_id__in=[oid for c, oid in admin_owner if c == ct_id])
    _rewrite(
        AdminLogEntry.objects.filter(admin_filter),
        ["object_repr"],
        lambda e: admin_owner[(e.content_type_id, e.object_id)],
        replacements,
    )
