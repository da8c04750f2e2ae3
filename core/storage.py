"""The private storage (personnel files, resumes, classified files): the "private" entry of settings.STORAGES, a
local folder or an S3-compatible bucket. FileFields take it through `private_storage()`; it is looked up lazily so
that a changed STORAGES setting (tests against both backends) reaches fields defined at import time."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


PRIVATE_STORAGE = _PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        PRIVATE_STORAGE._wrapped = empty
