"""`manage.py demo_logins`: print the demo logins made by `seed_demo`, with the password."""

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_LOGINS
from org.models import Department


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


class Command(BaseCommand):
    help = "List the demo logins (username, role, department) and the demo password."

    def handle(self, *args, **options):
        users = {
            user.username: user
            for user in get_user_model()
            .objects.filter(username__in=[login.username for login in DEMO_LOGINS])
            .select_related("employee__department")
        }
        if not users:
            self.stdout.write("No demo logins yet: run `manage.py seed_demo` first.")
            return
        names = dict(Department.objects.values_list("pk", "name"))
        header = ("Username", "Role (角色)", "Department (部门)", "Name (姓名)")
        rows = [header]
        for login in DEMO_LOGINS:
            user = users.get(login.username)
            if user is None:
                continue
            employee = getattr(user, "employee", None)
            if employee is not None:
                # Full path for a section, e.g. 生产部 / 冲压课.
                ids = [int(pk) for pk in employee.department.path.strip("/").split("/") if pk]
                department = " / ".join(names.get(pk, "?") for pk in ids)
                person = employee.name
            else:
                department = person = "—"
            rows.append((login.username, f"{login.role_zh} / {login.role_en}", department, person))
        widths = [max(display_width(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        for index, row in enumerate(rows):
            line = "  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(f"  {line}".rstrip())
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write(f"\nPassword for every demo login: {settings.HRMS_DEMO_PASSWORD}  (env DEMO_PASSWORD)")
