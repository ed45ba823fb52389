"""Queries behind the organisation directory view, shaped for a fast, scrolling table.

The view keeps the ordered ids of the organisations it shows (one integer per row) and
asks for full rows one page at a time. Filtering by a search then costs one pass over
the search index and a set intersection, instead of sorting and counting in SQL on
every keystroke; with 50,000 organisations that keeps a keystroke well under 50 ms.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from signapp.core.errors import ValidationError
from signapp.core.model import OrganisationRow, OrgKind
from signapp.core.organisations import (
    LIST_COLUMNS,
    ORDER_COLUMNS,
    directory_filters,
    order_terms,
    organisation_row,
    search_conditions,
)
from signapp.core.text import sort_key
from signapp.core.validation import country_name
from signapp.i18n import _

DIRECTORY_ORDERS = tuple(ORDER_COLUMNS)


def ordered_organisation_ids(
    db: Database,
    *,
    country: str | None = None,
    kind: str | OrgKind | None = None,
    order_by: str = "name",
    descending: bool = False,
) -> list[int]:
    """Ids of the organisations of ``country`` and ``kind``, in the order asked for.

    Countries sort by their English name (what the table shows), not by ISO code.
    Ties are broken by name and id in every order, so the order is stable.
    """
    if order_by not in ORDER_COLUMNS:
        raise ValidationError(
            "order_by", _("cannot sort by {order_by!r}").format(order_by=order_by)
        )
    clause, params = directory_filters(None, country, kind)
    if order_by == "country":
        rows = db.execute(
            f"SELECT o.id, o.country FROM organisations o {clause} ORDER BY o.name_sort, o.id",
            params,
        ).fetchall()
        names = {code: sort_key(country_name(code)) for code in {row[1] for row in rows}}
        # Organisations without a country go last whichever way the column is sorted.
        with_country = [row for row in rows if row[1]]
        with_country.sort(key=lambda row: names[row[1]], reverse=descending)
        return [row[0] for row in with_country] + [row[0] for row in rows if not row[1]]
    # The count columns exist only in the full row; ordering by them needs it all.
    columns = LIST_COLUMNS if order_by in ("contact_count", "statements_signed") else "o.id"
    sql = (
        f"SELECT {columns} FROM organisations o {clause} "
        f"ORDER BY {order_terms(order_by, descending)}"
    )
    return [row[0] for row in db.execute(sql, params)]


def matching_organisation_ids(db: Database, search: str | None) -> set[int] | None:
    """Ids of the organisations whose names, codes or contacts match ``search``.

    Matching folds case, accents and Khmer spelling variants, as the core search does.
    Returns None when ``search`` holds nothing to search for (everything matches).
    """
    conditions, params = search_conditions(search)
    if not conditions:
        return None
    sql = f"SELECT rowid FROM organisation_search WHERE {' AND '.join(conditions)}"
    return {row[0] for row in db.execute(sql, params)}


def organisation_rows(db: Database, ids: Sequence[int]) -> list[OrganisationRow]:
    """The directory rows of ``ids``, in that order; ids that no longer exist are skipped."""
    found: dict[int, OrganisationRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" for _ in chunk)
        for row in db.execute(
            f"SELECT {LIST_COLUMNS} FROM organisations o WHERE o.id IN ({marks})", chunk
        ):
            found[row[0]] = organisation_row(row)
    return [found[org_id] for org_id in ids if org_id in found]


def directory_is_empty(db: Database) -> bool:
    """True when there is neither an organisation nor a statement: a first start."""
    organisations = db.execute("SELECT 1 FROM organisations LIMIT 1").fetchone()
    statements = db.execute("SELECT 1 FROM statements LIMIT 1").fetchone()
    return organisations is None and statements is None
