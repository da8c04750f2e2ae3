"""The roster (花名册): every field of the personnel record as a column the reader chooses, in the reader's language,
with choice labels rather than codes, and the same file read back by the employee import.

Columns above the reader's clearance (ID number, salary) are neither offered, shown nor exported; the date of birth
is shown as on the pages (the year only without clearance). The import side (`dataset_from_roster`) turns the
roster's titles and labels (工号, 性别 男/女, 学历 本科, 部门 by name …) back into the codes the employee resource
reads, so a file exported here, edited and imported goes through the same checks as any employee import.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

import tablib
from django.db.models import QuerySet
from django.utils import translation
from django.utils.text import capfirst

from core.security import mask_birth_date
from org.models import Department, Position

from .models import EMPLOYEE_RECORD_FIELDS, Employee

ROSTER_FIELDS = ("number", "name", "gender", "birth_date", "id_number", *EMPLOYEE_RECORD_FIELDS, "base_salary")
SECRET_FIELDS = frozenset({"id_number", "base_salary"})
DEFAULT_COLUMNS = ("number", "name", "department", "position", "employment_type", "status", "hire_date", "phone")
# What a column sorts by (a relation by its name, not its key).
_ORDER_BY = {"department": "department__path", "position": "position__title", "manager": "manager__name"}
_LANGUAGES = ("zh-hans", "en")


@dataclass(frozen=True)
class Column:
    key: str

    @property
    def field(self):
        return Employee._meta.get_field(self.key)

    @property
    def label(self) -> str:
        return capfirst(str(self.field.verbose_name))

    @property
    def secret(self) -> bool:
        return self.key in SECRET_FIELDS

    @property
    def order_by(self) -> str:
        return _ORDER_BY.get(self.key, self.key)

    def value(self, employee: Employee, user):
        """The cell as a reader sees it: a label for a choice, a name for a relation, the birth year only
        without clearance."""
        if self.field.choices:
            return getattr(employee, f"get_{self.key}_display")()
        if self.key == "department":
            return employee.department.name
        if self.key == "position":
            return employee.position.title
        if self.key == "manager":
            return employee.manager.name if employee.manager_id else ""
        value = getattr(employee, self.key)
        if self.key == "birth_date" and value and not user.sees_secret_hr_data:
            return mask_birth_date(value)
        return "" if value is None else value


COLUMNS = {key: Column(key) for key in ROSTER_FIELDS}


def columns_for(user) -> list[Column]:
    """The columns the reader may choose: the secret ones only with secret clearance."""
    return [c for c in COLUMNS.values() if not c.secret or user.sees_secret_hr_data]


def chosen_columns(user, keys: Iterable[str] | None) -> list[Column]:
    """The reader's chosen columns in roster order, those above their clearance dropped (a hand-made URL too)."""
    allowed = {c.key: c for c in columns_for(user)}
    wanted = [key for key in (keys or DEFAULT_COLUMNS) if key in allowed]
    if not wanted:
        wanted = [key for key in DEFAULT_COLUMNS if key in allowed]
    order = list(COLUMNS)
    return [allowed[key] for key in sorted(set(wanted), key=order.index)]


def saved_columns(user) -> list[str] | None:
    from .models import RosterPreference

    return RosterPreference.objects.filter(user=user).values_list("columns", flat=True).first()


def save_columns(user, keys: list[str]) -> None:
    from .models import RosterPreference

    RosterPreference.objects.update_or_create(user=user, defaults={"columns": list(keys)})


def ordering_for(columns: list[Column], sort: str) -> list[str]:
    """`sort` is a column key, `-key` for descending; anything else (or a column not shown) sorts by number."""
    key = sort.lstrip("-")
    shown = {c.key: c for c in columns}
    if key not in shown:
        return ["number"]
    prefix = "-" if sort.startswith("-") else ""
    return [prefix + shown[key].order_by, "number"]


def roster_rows(queryset: QuerySet[Employee]) -> QuerySet[Employee]:
    return queryset.select_related("department", "position", "manager")


def roster_dataset(queryset: QuerySet[Employee], columns: list[Column], user) -> tablib.Dataset:
    """The export: titles and values in the active language, one row per employee."""
    dataset = tablib.Dataset(headers=[c.label for c in columns], title=str(Employee._meta.verbose_name_plural))
    for employee in roster_rows(queryset).iterator(chunk_size=2000):
        dataset.append([c.value(employee, user) for c in columns])
    return dataset


# --- reading a roster file back (the employee import) --------------------------------------------------------


def _norm(text) -> str:
    return re.sub(r"\s+", "", str(text or "")).casefold()


def _labels(text_of) -> set[str]:
    """A lazy text in every interface language, with the Chinese in brackets of an English label on its own
    ("Bachelor (本科)" → also 本科)."""
    found = set()
    for language in _LANGUAGES:
        with translation.override(language):
            text = str(text_of())
        found.add(_norm(text))
        found.update(_norm(inner) for inner in re.findall(r"[（(]([^()（）]+)[)）]", text))
        found.add(_norm(re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", text)))
    found.discard("")
    return found


def header_aliases() -> dict[str, str]:
    """Every title the roster may carry for a column (its key, its label in each language) → the key."""
    aliases = {}
    for key, column in COLUMNS.items():
        for alias in _labels(lambda column=column: column.field.verbose_name) | {_norm(key)}:
            aliases.setdefault(alias, key)
    return aliases


def _choice_aliases(key: str) -> dict[str, str]:
    aliases = {}
    for code, label in Employee._meta.get_field(key).flatchoices:
        aliases[_norm(code)] = code
        for alias in _labels(lambda label=label: label):
            aliases.setdefault(alias, code)
    return aliases


def dataset_from_roster(dataset: tablib.Dataset) -> tablib.Dataset:
    """The file with the roster's titles and labels turned into the employee resource's keys and codes.

    A title or value it does not know is left as it is, so the resource reports it (unknown column, not a valid
    choice, no such department) on its row and column, as for any file."""
    aliases = header_aliases()
    headers = [aliases.get(_norm(h), h) for h in dataset.headers]
    choices = {key: _choice_aliases(key) for key in headers if key in COLUMNS and COLUMNS[key].field.choices}
    departments = _by_code_or_name(Department.objects.values_list("code", "name"))
    positions = list(Position.objects.values_list("code", "title", "department__code"))
    position_codes = {_norm(code): code for code, _title, _dept in positions}
    managers = _by_code_or_name(Employee.objects.values_list("number", "name"))
    out = tablib.Dataset(headers=headers, title=dataset.title)
    for raw in dataset:
        row = dict(zip(headers, raw, strict=False))
        for key, aliases_of in choices.items():
            value = row.get(key)
            if value not in (None, ""):
                row[key] = aliases_of.get(_norm(value), value)
        if row.get("department") not in (None, ""):
            row["department"] = departments.get(_norm(row["department"]), row["department"])
        if row.get("position") not in (None, ""):
            row["position"] = _position_code(row["position"], row.get("department"), positions, position_codes)
        if row.get("manager") not in (None, ""):
            row["manager"] = managers.get(_norm(row["manager"]), row["manager"])
        out.append([row[key] for key in headers])
    return out


def _by_code_or_name(pairs) -> dict[str, str]:
    """code → code, and name → code for a name only one row has (an ambiguous name stays unresolved)."""
    by_code, by_name, seen = {}, {}, {}
    for code, name in pairs:
        by_code[_norm(code)] = code
        seen[_norm(name)] = seen.get(_norm(name), 0) + 1
        by_name[_norm(name)] = code
    return {**{n: c for n, c in by_name.items() if seen[n] == 1}, **by_code}


def _position_code(value, department_code, positions, position_codes) -> str:
    """A position by code, else by title in the row's department, else by a title only one position has."""
    if _norm(value) in position_codes:
        return position_codes[_norm(value)]
    same_title = [(code, dept) for code, title, dept in positions if _norm(title) == _norm(value)]
    in_department = [code for code, dept in same_title if dept == department_code]
    if len(in_department) == 1:
        return in_department[0]
    if len(same_title) == 1:
        return same_title[0][0]
    return value


def column_labels() -> dict[str, str]:
    """The import report's column names: each key's title in the active language."""
    return {key: c.label for key, c in COLUMNS.items()}
