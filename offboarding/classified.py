"""The one place offboarding talks to the confidentiality register (spec 08): the classified copies a leaving
person still holds are listed on the handover and checked in by the records keeper.

Imported lazily so offboarding works (with no classified items) where the register is not installed."""


def copies_held_by(user) -> list:
    """The classified document copies the login `user` still holds (confidentiality's register)."""
    if user is None:
        return []
    try:
        from confidentiality.selectors import copies_held_by as held
    except ImportError:
        return []
    return list(held(user))


def copy_label(copy) -> str:
    return str(copy)


def return_copy(*, copy_id: int, by) -> None:
    """Check the copy in with the register (the records keeper ticks the handover item)."""
    try:
        from confidentiality.services import return_copy as returned

        from confidentiality.models import Copy
    except ImportError:
        return
    copy = Copy.objects.filter(pk=copy_id).first()
    if copy is not None:
        returned(copy=copy, by=by)
