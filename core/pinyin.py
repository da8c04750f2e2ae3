"""Pinyin search keys: 张伟强 → ("zhangweiqiang", "zwq"), kept in indexed columns so a search by pinyin or its
initials is one indexed query (`name_pinyin__startswith`), not Python over every row.

A model with such columns uses `PinyinQuerySet` (bulk_create and bulk_update fill them, as the volume generators
and the imports write in bulk) and calls `fill_pinyin` in save(); data migrations call `pinyin_keys`.
"""

import re

from django.db import models
from pypinyin import lazy_pinyin

PINYIN_MAX_LENGTH = 255
PINYIN_FIELDS = ("name_pinyin", "name_initials")
_ALNUM = re.compile(r"[^0-9a-z]+")


def pinyin_keys(text: str) -> tuple[str, str]:
    """The full pinyin without tones or spaces and the initials of each syllable, lowercase ASCII.

    Latin letters and digits are kept as they are (a word's initial counts once): "Anna 李" → ("annali", "al").
    """
    full, initials = [], []
    for chunk in lazy_pinyin(text or ""):
        for word in _ALNUM.sub(" ", chunk.lower()).split():
            full.append(word)
            initials.append(word[0])
    return "".join(full)[:PINYIN_MAX_LENGTH], "".join(initials)[:PINYIN_MAX_LENGTH]


def fill_pinyin(obj, source: str = "name") -> None:
    obj.name_pinyin, obj.name_initials = pinyin_keys(getattr(obj, source))


def pinyin_update_fields(update_fields, source: str = "name"):
    """save(update_fields=…) that writes the name writes its pinyin too."""
    if update_fields is not None and source in update_fields:
        return [*update_fields, *PINYIN_FIELDS]
    return update_fields


def is_pinyin_query(word: str) -> bool:
    return word.isascii() and word.isalpha()


class PinyinQuerySet(models.QuerySet):
    pinyin_source = "name"

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            fill_pinyin(obj, self.pinyin_source)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if self.pinyin_source in fields:
            objs = list(objs)
            for obj in objs:
                fill_pinyin(obj, self.pinyin_source)
            fields = [*fields, *PINYIN_FIELDS]
        return super().bulk_update(objs, fields, *args, **kwargs)
