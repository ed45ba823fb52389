"""The directory's id queries: order, search folding, rows by id."""

from __future__ import annotations

from sqlite_utils import Database

from signapp.core.contacts import add_contact
from signapp.core.directory import (
    directory_is_empty,
    matching_organisation_ids,
    ordered_organisation_ids,
    organisation_rows,
)
from signapp.core.organisations import (
    add_organisation,
    delete_organisation,
    merge_organisations,
    organisations_named,
    undo_merge,
    update_organisation,
)


def test_order_by_name_uses_collation_and_country_by_its_name(db: Database) -> None:
    zebra = add_organisation(db, "Zebra Trust", country="AT")
    arzte = add_organisation(db, "Ärzte für Flüsse", country="DE")
    thai = add_organisation(db, "เครือข่ายชาวประมง", country="TH")
    nowhere = add_organisation(db, "Anonymous Circle")
    assert ordered_organisation_ids(db) == [nowhere, arzte, zebra, thai]
    # Austria < Germany < Thailand; no country last in both directions.
    assert ordered_organisation_ids(db, order_by="country") == [zebra, arzte, thai, nowhere]
    assert ordered_organisation_ids(db, order_by="country", descending=True) == [
        thai,
        arzte,
        zebra,
        nowhere,
    ]
    assert ordered_organisation_ids(db, country="DE") == [arzte]


def test_organisations_without_an_acronym_or_own_script_name_sort_last(db: Database) -> None:
    plain = add_organisation(db, "Anonymous Circle")
    river = add_organisation(db, "River Guardians", acronym="RG", local_name="ຜູ້ປົກປ້ອງແມ່ນ້ຳ")
    blank = add_organisation(db, "Blank Acronym Forum", acronym=" ")
    youth = add_organisation(db, "Youth Forum", acronym="YF", local_name="វេទិកាយុវជន")
    for column in ("acronym", "local_name"):
        for descending in (False, True):
            ordered = ordered_organisation_ids(db, order_by=column, descending=descending)
            assert set(ordered[2:]) == {plain, blank}, (column, descending)
            named = [youth, river] if descending else [river, youth]  # RG < YF; Lao < Khmer
            assert ordered[:2] == named, (column, descending)


def test_own_script_names_sort_by_their_collation_through_every_change(db: Database) -> None:
    # By code point, names that start with the vowel sign เ would all come last.
    network = add_organisation(db, "Fishers Network", local_name="เครือข่ายชาวประมง")
    community = add_organisation(db, "Village Group", local_name="ชุมชนบ้านนา")
    association = add_organisation(db, "Farmers Association")
    assert ordered_organisation_ids(db, order_by="local_name") == [
        network,
        community,
        association,
    ]
    update_organisation(db, community, {"local_name": "กลุ่มบ้านนา"})  # ก comes first
    assert ordered_organisation_ids(db, order_by="local_name")[0] == community
    twin = add_organisation(db, "Farmers' Association", local_name="แม่บ้านเกษตรกร")
    record = merge_organisations(db, association, twin)  # the merge fills the gap
    assert ordered_organisation_ids(db, order_by="local_name") == [
        community,
        network,
        association,
    ]
    undo_merge(db, record)
    assert ordered_organisation_ids(db, order_by="local_name") == [
        community,
        network,
        twin,
        association,
    ]


def test_search_folds_accents_and_finds_contacts(db: Database) -> None:
    arzte = add_organisation(db, "Ärzte für Flüsse", acronym="AfF")
    khmer = add_organisation(db, "Farmers", local_name="សមាគមកសិករ")
    add_contact(db, khmer, "Sok Dara", email="dara@example.org")
    assert matching_organisation_ids(db, "  ") is None
    assert matching_organisation_ids(db, "arzte") == {arzte}
    assert matching_organisation_ids(db, "aff") == {arzte}
    assert matching_organisation_ids(db, "កសិករ") == {khmer}
    assert matching_organisation_ids(db, "dara@example") == {khmer}
    assert matching_organisation_ids(db, "fl") == {arzte}  # short terms are scanned
    assert matching_organisation_ids(db, "100%") == set()


def test_rows_come_back_in_the_order_asked_and_skip_deleted(db: Database) -> None:
    first = add_organisation(db, "First")
    second = add_organisation(db, "Second")
    assert [row.name for row in organisation_rows(db, [second, first])] == ["Second", "First"]
    delete_organisation(db, first)
    assert [row.id for row in organisation_rows(db, [first, second])] == [second]


def test_empty_directory_is_a_first_start(db: Database) -> None:
    assert directory_is_empty(db)
    add_organisation(db, "Someone")
    assert not directory_is_empty(db)


def test_an_organisation_entered_again_by_hand_is_found_by_its_folded_name(
    db: Database,
) -> None:
    lake = add_organisation(db, "Friends of the Great Lake", country="KH")
    khmer = add_organisation(db, "Khmer Youth Forum", local_name="វេទិកាយុវជនខ្មែរ")
    add_organisation(db, "Friends of the Great Lake Basin")

    assert organisations_named(db, "  FRIENDS of the great   lake ") == [lake]
    assert organisations_named(db, "Friends of the Great Lake", except_id=lake) == []
    assert organisations_named(db, "វេទិកាយុវជនខ្មែរ") == [khmer]
    assert organisations_named(db, "Friends of the Lake") == []
    assert organisations_named(db, "  ") == []
