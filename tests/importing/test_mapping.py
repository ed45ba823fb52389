"""Recognising the columns of a form export, and remembering the mapping."""

from __future__ import annotations

import pytest

from signapp.importing.mapping import (
    ColumnMapping,
    Field,
    MappingError,
    apply_overrides,
    guess_mapping,
    mapping_from_titles,
    recognise_header,
)


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Timestamp", Field.TIMESTAMP),
        ("Horodateur", Field.TIMESTAMP),
        ("Marca temporal", Field.TIMESTAMP),
        ("Name of your organisation", Field.ORGANISATION),
        ("Nom de l'organisation", Field.ORGANISATION),
        ("Nombre de la organización", Field.ORGANISATION),
        ("ឈ្មោះអង្គការ", Field.ORGANISATION),
        ("Organisation name in local language", Field.LOCAL_NAME),
        ("ឈ្មោះអង្គការជាភាសាខ្មែរ", Field.LOCAL_NAME),
        ("Acronym", Field.ACRONYM),
        ("Sigle", Field.ACRONYM),
        ("Country", Field.COUNTRY),
        ("País", Field.COUNTRY),
        ("ប្រទេស", Field.COUNTRY),
        ("Type of organisation", Field.KIND),
        ("Type d'organisation", Field.KIND),
        ("Contact person", Field.CONTACT_NAME),
        ("Nombre completo", Field.CONTACT_NAME),
        ("Position", Field.CONTACT_ROLE),
        ("Titre / fonction", Field.CONTACT_ROLE),
        ("Email address", Field.EMAIL),
        ("Adresse e-mail", Field.EMAIL),
        ("Correo electrónico", Field.EMAIL),
        ("Phone number", Field.PHONE),
        ("Would you like your organisation to be listed publicly?", Field.LIST_PUBLICLY),
        ("Souhaitez-vous que votre organisation apparaisse publiquement ?", Field.LIST_PUBLICLY),
        ("¿Desea que su organización aparezca públicamente?", Field.LIST_PUBLICLY),
        ("Do you want to sign anonymously?", Field.SIGN_ANONYMOUSLY),
        ("Any other comments?", Field.COMMENTS),
        ("Publisher", Field.ORGANISATION),
    ],
)
def test_usual_question_titles_are_recognised(title: str, field: Field) -> None:
    assert recognise_header(title) is field


def test_a_google_forms_header_maps_every_column() -> None:
    header = [
        "Timestamp",
        "Email address",
        "Name of your organisation",
        "Name in local language",
        "Acronym",
        "Country",
        "Type of organisation",
        "Contact person",
        "Position",
        "Phone",
        "May we list your organisation publicly?",
        "Comments",
    ]

    mapping = guess_mapping(header)

    assert {field: header[index] for field, index in mapping.columns.items()} == {
        Field.TIMESTAMP: "Timestamp",
        Field.EMAIL: "Email address",
        Field.ORGANISATION: "Name of your organisation",
        Field.LOCAL_NAME: "Name in local language",
        Field.ACRONYM: "Acronym",
        Field.COUNTRY: "Country",
        Field.KIND: "Type of organisation",
        Field.CONTACT_NAME: "Contact person",
        Field.CONTACT_ROLE: "Position",
        Field.PHONE: "Phone",
        Field.LIST_PUBLICLY: "May we list your organisation publicly?",
        Field.COMMENTS: "Comments",
    }


def test_a_list_with_only_a_name_column_is_a_list_of_organisations() -> None:
    mapping = guess_mapping(["source_file", "name", "link"])

    assert mapping.column(Field.ORGANISATION) == 1
    assert mapping.column(Field.CONTACT_NAME) is None


def test_changing_a_column_takes_it_from_the_field_that_had_it() -> None:
    mapping = ColumnMapping({Field.ORGANISATION: 0, Field.CONTACT_NAME: 1})

    changed = mapping.with_column(Field.LOCAL_NAME, 1).with_column(Field.ORGANISATION, None)

    assert changed.columns == {Field.LOCAL_NAME: 1}


def test_a_remembered_mapping_follows_its_titles_to_new_positions() -> None:
    first = ["Org", "Who", "Mail"]
    confirmed = ColumnMapping({Field.ORGANISATION: 0, Field.CONTACT_NAME: 1, Field.EMAIL: 2})
    remembered = confirmed.by_title(first)
    later = ["Timestamp", "Mail", "Org", "Who", "Country"]

    mapping = mapping_from_titles(later, remembered)

    assert mapping.columns == {
        Field.ORGANISATION: 2,
        Field.CONTACT_NAME: 3,
        Field.EMAIL: 1,
        Field.TIMESTAMP: 0,
        Field.COUNTRY: 4,
    }


@pytest.mark.parametrize(
    "title",
    [
        "Organisation name (as you want it to appear)",
        "Name as it should appear on the statement",
        "Nom de l'organisation tel qu'il doit apparaître",
    ],
)
def test_a_name_as_it_should_appear_is_the_printed_name_not_the_listing_question(
    title: str,
) -> None:
    header = ["Timestamp", "Organisation", title, "Can we list your organisation publicly?"]
    rows = [["", "Asociación Río Verde", "Rio Verde Association", "Yes"]]

    mapping = guess_mapping(header, rows)

    assert mapping.column(Field.ORGANISATION) == 2
    assert mapping.column(Field.LIST_PUBLICLY) == 3


def test_the_listing_column_is_the_one_answered_yes_or_no() -> None:
    header = ["Organisation", "Would you like to be named publicly?", "Display on our site"]
    rows = [["A", "see the attached letter", "yes"], ["B", "call me", "no"], ["C", "", "Yes"]]

    assert guess_mapping(header, rows).column(Field.LIST_PUBLICLY) == 2
    # With no yes/no column, the question stays (an unclear answer means anonymous).
    assert guess_mapping(header[:2], rows).column(Field.LIST_PUBLICLY) == 1


def test_map_options_choose_columns_by_title_or_number() -> None:
    header = ["Groupe", "Courriel", "Publier ?"]
    mapping = guess_mapping(header)

    changed = apply_overrides(
        mapping, header, ["groupe=organisation", "3=list_publicly", "Courriel="]
    )

    assert changed.columns == {Field.ORGANISATION: 0, Field.LIST_PUBLICLY: 2}
    with pytest.raises(MappingError, match=r"no column 'Nom'.*'Groupe', 'Courriel'"):
        apply_overrides(mapping, header, ["Nom=organisation"])
    with pytest.raises(MappingError, match="no field 'organization name'"):
        apply_overrides(mapping, header, ["Groupe=organization name"])
