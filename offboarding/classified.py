"""The one place offboarding talks to the confidentiality register (spec 08): the classified copies a leaving
person still holds are listed on the handover and checked in by the records keeper through
`confidentiality.services.return_copy`.

The label names the document as the register does in shared places (its register number and level, never the
title or document number, which only readers the confidentiality rule lets in may see)."""

from django.utils.translation import gettext as _


def copies_held_by(user) -> list:
    """The classified document copies the login `user` still holds."""
    if user is None:
        return []
    from confidentiality.selectors import copies_held_by as held

    return list(held(user))


def copy_label(copy) -> str:
    return _("%(document)s, %(copy)s") % {"document": copy.document, "copy": copy}


def return_copy(*, copy_id: int, by) -> None:
    """Check the copy in with the register. A copy already checked in on the register's own pages is left as it
    is (the tick records the handover)."""
    from confidentiality.models import Copy, CopyStatus
    from confidentiality.services import return_copy as returned

    copy = Copy.objects.filter(pk=copy_id).first()
    if copy is not None and copy.status == CopyStatus.ISSUED:
        returned(copy=copy, by=by)
