"""Writes to the organisation. The department path is maintained here, never in save()."""

from django.db import transaction

from .models import Department


def _path_for(department: Department) -> tuple[str, int]:
    if department.parent_id:
        parent = department.parent
        return f"{parent.path}{department.pk}/", parent.depth + 1
    return f"/{department.pk}/", 0


@transaction.atomic
def department_create(**fields) -> Department:
    department = Department(**fields)
    department.full_clean(exclude=["path", "depth"])
    department.save()
    department.path, department.depth = _path_for(department)
    department.save(update_fields=["path", "depth"])
    return department


@transaction.atomic
def department_update(*, department: Department, **fields) -> Department:
    """Update a department; moving it rewrites the paths of its whole subtree. Nothing is deleted."""
    old_path = department.path
    for name, value in fields.items():
        setattr(department, name, value)
    department.full_clean(exclude=["path", "depth"])
    department.path, department.depth = _path_for(department)
    department.save()
    if department.path != old_path:
        depth_delta = department.path.count("/") - old_path.count("/")
        for child in Department.objects.filter(path__startswith=old_path).exclude(pk=department.pk):
            child.path = department.path + child.path[len(old_path) :]
            child.depth += depth_delta
            child.save(update_fields=["path", "depth"])
    return department
