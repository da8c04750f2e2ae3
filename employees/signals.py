"""Lifecycle signals other apps listen to, so an app never reaches into the ones after it.

Sent inside the transaction that made the change (receivers run in it too: keep them idempotent and quick; use
`transaction.on_commit` for anything slow or external):

- `job_change_applied(sender=JobChange, change, employee, by)`: a transfer/promotion took effect (the
  employee's department and position are the new ones). Confidentiality lists the copies the person holds for
  return and re-checks grants; training raises a post-training need for a special or quality post.
- `employee_separated(sender=Employee, employee, by, date)`: the employee's last working day has passed and
  the record is now separated (offboarding's daily task sends it). Access grants end, open KPI sheets close.
- `clearance_changed(sender=User, user, old, new, by)`: a login's clearance changed.
- `employee_hired(sender=Employee, employee, by, start_date)`: an onboarding case was opened for a new hire
  (from an accepted offer or a direct hire). Lifecycle webhooks tell payroll and access control.
- `employee_converted(sender=Employee, employee, by, regular_from, how)`: the employee became regular
  ("converted" after an approved conversion, "lapsed" when the probation ended without a decision).
"""

from django.dispatch import Signal

job_change_applied = Signal()
employee_separated = Signal()
clearance_changed = Signal()
employee_hired = Signal()
employee_converted = Signal()
