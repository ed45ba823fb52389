"""How a statement's collection is going: counts by status, over time and by country."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from signapp.core.model import SignOnStatus
from signapp.core.signons import list_signons
from signapp.core.statements import get_statement

NO_COUNTRY = ""


@dataclass(frozen=True)
class CountryCounts:
    country: str
    """ISO code, or :data:`NO_COUNTRY` for organisations without one."""
    confirmed: int
    other: int


@dataclass(frozen=True)
class CollectionProgress:
    statement_id: int
    deadline: date | None
    by_status: dict[SignOnStatus, int]
    needs_reconfirmation: int
    confirmations_over_time: list[tuple[date, int]]
    """Cumulative confirmations at the end of each day one arrived, in date order."""
    confirmed_without_date: int
    by_country: list[CountryCounts]
    """Countries with most confirmations first."""


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def collection_progress(db: Database, statement_id: int) -> CollectionProgress:
    """Counts for the progress view of one statement."""
    statement = get_statement(db, statement_id)
    rows = list_signons(db, statement_id)
    by_status = Counter(row.signon.status for row in rows)
    per_day: Counter[date] = Counter()
    undated = 0
    confirmed_by_country: Counter[str] = Counter()
    other_by_country: Counter[str] = Counter()
    for row in rows:
        country = row.country or NO_COUNTRY
        if row.signon.status is not SignOnStatus.CONFIRMED:
            other_by_country[country] += 1
            continue
        confirmed_by_country[country] += 1
        day = _day(row.signon.received_at)
        if day is None:
            undated += 1
        else:
            per_day[day] += 1
    cumulative: list[tuple[date, int]] = []
    total = 0
    for day in sorted(per_day):
        total += per_day[day]
        cumulative.append((day, total))
    countries = set(confirmed_by_country) | set(other_by_country)
    by_country = sorted(
        (
            CountryCounts(country, confirmed_by_country[country], other_by_country[country])
            for country in countries
        ),
        key=lambda counts: (-counts.confirmed, -counts.other, counts.country),
    )
    return CollectionProgress(
        statement_id=statement_id,
        deadline=_day(statement.deadline),
        by_status={status: by_status.get(status, 0) for status in SignOnStatus},
        needs_reconfirmation=sum(1 for row in rows if row.needs_reconfirmation),
        confirmations_over_time=cumulative,
        confirmed_without_date=undated,
        by_country=by_country,
    )
