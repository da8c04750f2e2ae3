"""A table's column title names what the column holds, never one of the values a status can take.

Users read a column headed 入职办理中 ("onboarding", a status) above cells that say 已完成 as a contradiction;
the title must be 入职状态. The check reads every template's table headers in Chinese, as the users see them,
and compares them with the labels of every status-like field of the project's own models.
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import translation

HEADER = re.compile(r"<thead[^>]*>(.*?)</thead>", re.S)
CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
TITLE = re.compile(r'{%\s*(?:trans|translate)\s+"([^"]+)"')
STATUS_LIKE = ("status", "stage", "state", "outcome", "result")


def _status_labels() -> dict[str, str]:
    base = Path(settings.BASE_DIR).resolve()
    labels = {}
    for config in apps.get_app_configs():
        if base not in Path(config.path).resolve().parents:
            continue
        for model in config.get_models():
            for field in model._meta.get_fields():
                if getattr(field, "choices", None) and field.name.endswith(STATUS_LIKE):
                    for _value, label in field.flatchoices:
                        labels[str(label)] = f"{model._meta.label}.{field.name}"
    return labels


def _templates():
    base = Path(settings.BASE_DIR)
    for path in sorted(base.glob("**/templates/**/*.html")):
        if not {".venv", "var", "node_modules"} & set(path.relative_to(base).parts):
            yield path


def test_no_column_title_reads_as_a_status_value():
    with translation.override("zh-hans"):
        labels = _status_labels()
        clashes = []
        for path in _templates():
            for head in HEADER.findall(path.read_text(encoding="utf-8")):
                for cell in CELL.findall(head):
                    for title in TITLE.findall(cell):
                        shown = translation.gettext(title)
                        if shown in labels:
                            clashes.append(
                                f"{path.relative_to(settings.BASE_DIR)}: {title!r} = {shown} ({labels[shown]})"
                            )
    assert not clashes, "column titles that read as a status value:\n" + "\n".join(clashes)
