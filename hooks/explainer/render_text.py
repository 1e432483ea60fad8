"""Small text formatting shared by the model and the templates."""

from __future__ import annotations

import datetime as dt

from .dates import DateRef


def format_date(d: dt.date | None) -> str:
    """'8 September 2020'."""
    return f"{d.day} {d:%B %Y}" if d else ""


def format_date_ref(d: DateRef) -> str:
    """A date at its precision: '8 September 2020', 'August 2020', 'week of 7 September 2020', '2019'."""
    if d.precision == "year":
        return str(d.date.year)
    if d.precision == "month":
        return f"{d.date:%B %Y}"
    if d.precision == "week":
        return f"week of {format_date(d.date)}"
    return format_date(d.date)
