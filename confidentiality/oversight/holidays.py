"""The long holidays before which the confidentiality inspection is due (制度6 第十六条: 每年的长假日前).

The dates are a setting, `HRMS_LONG_HOLIDAYS`: a list of (holiday code, first day) pairs; the defaults are the
first days of the holidays: 2026 as published by the State Council, 2027 and 2028 the eve of the lunar new
year and 1 October until the official notices come out. Add or correct the dates as they are published.
"""

import datetime

from django.conf import settings

from .models import Holiday

DEFAULT_LONG_HOLIDAYS = (
    (Holiday.SPRING_FESTIVAL, datetime.date(2026, 2, 15)),
    (Holiday.NATIONAL_DAY, datetime.date(2026, 10, 1)),
    (Holiday.SPRING_FESTIVAL, datetime.date(2027, 2, 5)),
    (Holiday.NATIONAL_DAY, datetime.date(2027, 10, 1)),
    (Holiday.SPRING_FESTIVAL, datetime.date(2028, 1, 25)),
    (Holiday.NATIONAL_DAY, datetime.date(2028, 10, 1)),
)
# Days before a holiday the inspection reminder goes out, and the window in which an inspection counts for it.
NOTICE_DAYS = 21
WINDOW_DAYS = 45


def long_holidays() -> list[tuple[str, datetime.date]]:
    configured = getattr(settings, "HRMS_LONG_HOLIDAYS", None) or DEFAULT_LONG_HOLIDAYS
    return sorted(((str(code), day) for code, day in configured), key=lambda pair: pair[1])


def next_holiday(today: datetime.date) -> tuple[str, datetime.date] | None:
    """The next long holiday on or after today, or None when the list has run out."""
    return next(((code, day) for code, day in long_holidays() if day >= today), None)
