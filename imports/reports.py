"""What an import found: each problem by spreadsheet line, column and message, and the totals of a commit.
Shared by every import (the immediate preview and the background job, which keeps it as JSON)."""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS


@dataclass
class RowProblem:
    line: int  # the spreadsheet line (the header is line 1); 0 for the file as a whole
    column: str
    messages: list[str]


@dataclass
class ImportReport:
    total: int
    valid: int
    problems: list[RowProblem] = field(default_factory=list)
    written: bool = False
    totals: dict[str, int] = field(default_factory=dict)  # new / update / skip … of a commit

    @property
    def ok(self) -> bool:
        return not self.problems and self.total > 0

    def as_json(self, *, max_problems: int) -> dict:
        data = asdict(self)
        data["problem_count"] = len(self.problems)
        data["problems"] = data["problems"][:max_problems]
        return data


def report_from_result(result, total: int, *, column_labels: dict[str, str] | None = None) -> ImportReport:
    """django-import-export's Result as our report: validation errors per column, row errors, file errors."""
    labels = column_labels or {}
    problems: list[RowProblem] = []
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            label = "" if column == NON_FIELD_ERRORS else labels.get(column, column)
            problems.append(RowProblem(line=invalid.number + 1, column=label, messages=[str(m) for m in messages]))
    for number, errors in result.row_errors():
        problems.append(RowProblem(line=number + 1, column="", messages=[str(e.error) for e in errors]))
    for error in result.base_errors:
        problems.append(RowProblem(line=0, column="", messages=[str(error.error)]))
    problems.sort(key=lambda p: (p.line, p.column))
    invalid_lines = {p.line for p in problems}
    return ImportReport(total=total, valid=max(total - len(invalid_lines - {0}), 0), problems=problems)


def count_rows(resource, on_row) -> None:
    """Call `on_row` after each row the resource imports (the job's progress bar)."""
    if on_row is None:
        return
    import_row = resource.import_row

    def counted(*args, **kwargs):
        try:
            return import_row(*args, **kwargs)
        finally:
            on_row()

    resource.import_row = counted
