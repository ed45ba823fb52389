"""Duplicate signals: exact ones merge, likely ones go to review, different ones stay apart."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process

from signapp.core.text import fold_for_match
from signapp.importing import matching
from signapp.importing.matching import MatchRecord, match_rows, name_key, split_acronym


def _record(name: str, **fields: object) -> MatchRecord:
    emails = fields.pop("emails", ())
    return MatchRecord(name, emails=frozenset(emails), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Green Valley Farmers", "GREEN VALLEY FARMERS"),
        ("Green Valley Farmers", "  Green   Valley\u00a0Farmers "),
        ("Catholic Relief Services (CRS)", "Catholic Relief Services"),
        ("CRS - Catholic Relief Services", "Catholic Relief Services"),
        ("Peace & Justice Forum", "Peace and Justice Forum"),
        ("Médecins du Monde", "Medecins du monde"),
        ("Cafe\u0301 Workers", "Café Workers"),  # decomposed and composed accents
        ("Ｆｕｌｌ Ｗｉｄｔｈ Ｇｒｏｕｐ", "Full Width Group"),
        ("Korean Women’s Link", "Korean Women's Link"),
        ("World Bank, The", "The World Bank"),
        ("យុទ្ធសាស្រ្តសហគមន៍", "យុទ្ធសាស្ត្រសហគមន៍"),  # coeng-RO typed in the legacy order
        ("សា្ថប័នយុវជន", "ស្ថាប័នយុវជន"),  # vowel typed before the subscript
        # An acronym typed in small letters is still the acronym.
        (
            "Amigos de la Tierra América Latina y el Caribe (atalc)",
            "Amigos de la Tierra America Latina y el Caribe (ATALC)",
        ),
        (
            "Centre du Commerce International pour le Développement (Cecide)",
            "Centre du Commerce International pour le Developpement",
        ),
        ("The Wellbeing Economy Alliance (WEAll)", "Wellbeing Economy Alliance"),
    ],
)
def test_spelling_variants_of_one_name_have_one_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Youth Rights Network 12", "Youth Rights Network 45"),
        ("Women's Forum North", "Women's Forum South"),
        ("ATTAC (Berlin)", "ATTAC"),  # a place in brackets is no acronym
        ("Women Workers Union (Wien)", "Women Workers Union"),
    ],
)
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


def test_exact_name_variants_within_the_file_merge_on_their_own() -> None:
    rows = [
        _record("Catholic Relief Services (CRS)"),
        _record("CATHOLIC  relief services"),
        _record("Lake Fishers Union"),
    ]

    result = match_rows(rows, {})

    assert result.groups == [[0, 1], [2]]
    assert result.pairs == []


def test_an_own_script_name_matches_the_same_name_in_the_name_column() -> None:
    rows = [
        _record("Khmer Youth Association", local_name="សមាគមយុវជនខ្មែរ"),
        _record("សមាគមយុវជនខ្មែរ"),
    ]

    assert match_rows(rows, {}).groups == [[0, 1]]


def test_the_same_email_in_another_case_merges_names_spelled_with_a_typo() -> None:
    rows = [
        _record("Green Earth Trust Cambodja", emails={"INFO@greenearth.org"}),
        _record("Green Earth Trust Cambodia", emails={"info@greenearth.org"}),
    ]
    directory = {7: _record("Green Earth Trust Cambodia", emails={"info@greenearth.org"})}

    result = match_rows(rows, directory)

    assert result.groups == [[0, 1]]
    assert result.existing == {0: 7}


def test_one_person_signing_for_two_unlike_organisations_is_a_question_not_a_merge() -> None:
    rows = [
        _record("Women Forum Kampot", emails={"coordinator@gmail.com"}),
        _record("Coastal Fishers Association", emails={"coordinator@gmail.com"}),
    ]

    result = match_rows(rows, {})

    assert result.groups == [[0], [1]]
    assert [(p.group, p.other_group, p.reason) for p in result.pairs] == [
        (
            0,
            1,
            "same personal email coordinator@gmail.com; "
            "names differ (Women Forum Kampot / Coastal Fishers Association)",
        )
    ]


def test_numbered_organisations_are_never_merged_nor_proposed() -> None:
    rows = [
        _record("Youth Rights Network 12", country="KH", emails={"a@yrn.org"}),
        _record("Youth Rights Network 45", country="KH", emails={"b@yrn.org"}),
    ]
    directory = {3: _record("Youth Rights Network 7", country="KH")}

    result = match_rows(rows, directory)

    assert result.groups == [[0], [1]]
    assert result.existing == {}
    assert result.pairs == []


def test_the_same_name_in_two_countries_goes_to_review() -> None:
    rows = [_record("Women's Union", country="LA")]
    directory = {4: _record("Women's Union", country="VN")}

    result = match_rows(rows, directory)

    assert result.existing == {}
    assert [(p.organisation_id, p.reason) for p in result.pairs] == [
        (4, "same name; countries differ (LA / VN)")
    ]


def test_the_same_acronym_and_country_is_a_likely_pair() -> None:
    rows = [_record("CCHR", country="KH")]
    directory = {9: _record("Cambodian Center for Human Rights", acronym="CCHR", country="KH")}

    [pair] = match_rows(rows, directory).pairs

    assert (pair.group, pair.organisation_id, pair.score) == (0, 9, 90)
    assert pair.reason == "same acronym CCHR and country KH"


def test_the_same_email_domain_is_a_likely_pair_but_free_mail_is_not() -> None:
    rows = [
        _record("Blue Sky Institute", emails={"ana@bluesky.org"}),
        _record("Bluesky Research Foundation", emails={"ben@bluesky.org"}),
        _record("Hill Farmers", emails={"hill@gmail.com"}),
        _record("Delta Teachers", emails={"delta@gmail.com"}),
    ]

    pairs = match_rows(rows, {}).pairs

    assert [(p.group, p.other_group, p.reason) for p in pairs] == [
        (0, 1, "same email domain bluesky.org")
    ]


def test_similar_names_are_a_likely_pair_with_their_score() -> None:
    rows = [_record("Frends of Anne"), _record("Koreans Association of Women Theologians")]
    directory = {
        1: _record("Friends of Anne"),
        2: _record("Korean Association of Women Theologians"),
    }

    pairs = match_rows(rows, directory).pairs

    assert [(p.group, p.organisation_id) for p in pairs] == [(1, 2), (0, 1)]
    assert all(p.reason.startswith("similar names (") and p.score >= 85 for p in pairs)


def test_candidates_are_blocked_so_comparisons_grow_linearly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared = 0
    real_extract = process.extract

    def counting_extract(query: str, choices: list[str], **kwargs: object) -> object:
        nonlocal compared
        compared += len(choices)
        return real_extract(query, choices, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(matching.process, "extract", counting_extract)
    words = ["river", "forest", "union", "women", "youth", "farmers", "teachers", "health"]

    def rows(count: int) -> list[MatchRecord]:
        # Each place name is shared by five organisations, in every file size.
        return [
            _record(f"Place{i // 5:05d} {words[i % 8]} {words[(i // 8) % 8]} group {i}")
            for i in range(count)
        ]

    match_rows(rows(2000), {})
    small = compared
    compared = 0
    match_rows(rows(8000), {})

    assert small > 0
    assert compared <= 5 * small  # four times the rows, not sixteen times the pairs
    assert compared <= 8000 * 4 * matching.MAX_BLOCK


def test_the_same_name_with_different_websites_goes_to_review() -> None:
    rows = [
        _record("Alexander", website="https://github.com/alex-one"),
        _record("alexander", website="https://codeberg.org/alex-two"),
        _record("ALEXANDER", website="http://www.github.com/Alex-One/"),
    ]

    result = match_rows(rows, {})

    assert result.groups == [[0, 2], [1]]
    assert [p.reason for p in result.pairs] == [
        "same name; websites differ (github.com/alex-one / codeberg.org/alex-two)"
    ]


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        ("Frends of Anne", "Friends of Anne", True),
        ("Korean Association of Women Theologians", "Koreans Association of Women Theologians", True),
        ("Eugene", "Eugene K", True),
        ("Bucheon Women Workers Association", "Incheon Women Workers Association", False),
        ("International Rescue Committee", "International Rescue Committee UK", False),
        ("Eugene K", "Eugene V", False),
    ],
)  # fmt: skip
def test_similar_names_that_differ_in_a_whole_word_are_not_proposed(
    first: str, second: str, alike: bool
) -> None:
    pairs = match_rows([_record(first), _record(second)], {}).pairs

    assert bool(pairs) is alike


def test_a_name_that_fits_two_stored_organisations_is_not_given_to_either() -> None:
    directory = {
        1: _record("Alexander", website="https://github.com/alex-one"),
        2: _record("Alexander", website="https://codeberg.org/alex-two"),
    }

    result = match_rows([_record("alexander")], directory)

    assert result.existing == {}
    assert sorted((p.organisation_id, p.reason) for p in result.pairs) == [
        (1, "fits 2 stored organisations equally"),
        (2, "fits 2 stored organisations equally"),
    ]
    assert match_rows(
        [_record("ALEXANDER", website="github.com/alex-one")], directory
    ).existing == {0: 1}


def _key_by_patterns(name: str) -> str:
    """name_key spelled out with regular expressions, as for any script."""
    bare = split_acronym(name)[0].replace("&", " and ")
    words = re.sub(r"\W+", " ", fold_for_match(re.sub("['`]", "", bare))).split()
    return " ".join(
        "and" if w in {"and", "et", "y", "e", "und"} else w for w in words if w != "the"
    )


def test_plain_ascii_names_get_the_key_every_other_name_gets() -> None:
    rng = random.Random(4)
    alphabet = [chr(code) for code in range(32, 127)] + ["\t", " ", " ", "e", "y"]
    for _ in range(3000):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        assert name_key.__wrapped__(name) == _key_by_patterns(name), repr(name)
    assert name_key("The  Friends' (FOA) & Co.") == name_key("friends and co")


def test_branches_sharing_one_coordinator_email_go_to_review_naming_the_places() -> None:
    rows = [
        _record("Community Peace Network Battambang", emails={"coordinator@cpn.example.org"}),
        _record("Community Peace Network Pursat", emails={"coordinator@cpn.example.org"}),
    ]

    result = match_rows(rows, {})

    assert result.groups == [[0], [1]]
    assert [(p.group, p.other_group, p.reason) for p in result.pairs] == [
        (
            0,
            1,
            "same contact email coordinator@cpn.example.org; names differ (battambang / pursat)",
        )
    ]


def test_one_latin_name_with_two_arabic_names_is_two_organisations_to_review() -> None:
    rows = [
        _record("Adonis", local_name="جمعية ادونيس", emails={"adonis.asso@gmail.com"}),
        _record("Adonis", local_name="جمعية حقوق وطن متضامن", emails={"watan@yahoo.fr"}),
    ]

    result = match_rows(rows, {})

    assert result.groups == [[0], [1]]
    [pair] = result.pairs
    assert pair.reason == (
        "same Latin name; Arabic names differ (جمعية ادونيس / جمعية حقوق وطن متضامن)"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("الجمعية التونسية للنساء الديمقراطيات", "الجمعيه التونسيه للنساء الديمقراطيات"),
        ("جمعية أمل", "جمعية امل"),  # hamza on alef
        ("جمعية إحياء", "جمعية احياء"),
        ("مستشفى", "مستشفي"),  # alef maqsura typed as yaa
        ("جمعيـــة", "جمعية"),  # tatweel
        ("جَمْعِيَّة", "جمعية"),  # harakat
        ("جمعیة", "جمعية"),  # Persian yeh
        # Hamza on yeh and on waw, left out as on a keyboard without them (real names
        # from a directory of Arab human-rights organisations).
        ("الجمعية التونسية للبيئة والثقافة", "الجمعية التونسية للبيية والثقافة"),
        ("مؤسسة حرية الفكر والتعبير", "موسسة حرية الفكر والتعبير"),
        ("مؤسسة سد مأرب للتنمية الاجتماعية", "موسسة سد مارب للتنمية الاجتماعية"),
    ],
)
def test_arabic_spelling_variants_have_one_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


def test_a_personal_mailbox_or_a_phone_alone_never_merges() -> None:
    rows = [
        _record("Union of Fishers Kep", emails={"sokha@gmail.com"}, phones={"+85512345678"}),
        _record("Union of Farmers Kep", emails={"sokha@gmail.com"}, phones={"+85512345678"}),
        _record("Kep Women Forum", phones={"+85512345678"}),
    ]

    result = match_rows(rows, {})

    assert result.groups == [[0], [1], [2]]
    reasons = {(p.group, p.other_group): p.reason for p in result.pairs}
    assert reasons[(0, 1)].startswith("same personal email sokha@gmail.com; names differ")
    assert reasons[(0, 2)] == "same phone number +85512345678"


_SHUFFLED_ROWS = [
    _record("ATTAC", country="DK", emails={"info@attac.dk"}),
    _record("ATTAC", country="FR", emails={"contact@attac.org"}),
    _record("Attac", country="FR", emails={"nouveau@attac.org"}),
    _record("Police", country="VN"),
    _record("Police", country="TH"),
    _record("POLICE", country="TH", emails={"x@police.go.th"}),
    _record("Police"),  # no country: joins one of them, whatever the order
    _record("Community Peace Network Battambang", emails={"coordinator@cpn.example.org"}),
    _record("Community Peace Network Pursat", emails={"coordinator@cpn.example.org"}),
    _record("Community Peace Network Pursat ", emails={"pursat@cpn.example.org"}),
    _record("Adonis", local_name="جمعية ادونيس"),
    _record("Adonis", local_name="جمعية حقوق وطن متضامن"),
    _record("ADONIS", local_name="جمعيه أدونيس"),
    _record("Green Earth Trust", emails={"info@greenearth.org"}, website="greenearth.org"),
    _record("Green Erth Trust", emails={"info@greenearth.org"}),
    _record("Green Earth Trust", website="other.example.org"),
]


def _partition(rows: list[MatchRecord], order: list[int]) -> set[frozenset[int]]:
    """The groups of ``rows`` read in ``order``, as sets of original row positions."""
    result = match_rows([rows[i] for i in order], {})
    return {frozenset(order[i] for i in group) for group in result.groups}


def test_the_same_rows_in_any_order_give_the_same_organisations() -> None:
    expected = _partition(_SHUFFLED_ROWS, list(range(len(_SHUFFLED_ROWS))))
    assert frozenset({1, 2}) in expected  # the two ATTAC France rows, not Denmark
    assert frozenset({0}) in expected
    assert frozenset({10, 12}) in expected and frozenset({11}) in expected
    assert frozenset({8, 9}) in expected and frozenset({7}) in expected
    assert frozenset({13, 14}) in expected and frozenset({15}) in expected
    rng = random.Random(13)
    for _ in range(200):
        order = list(range(len(_SHUFFLED_ROWS)))
        rng.shuffle(order)
        assert _partition(_SHUFFLED_ROWS, order) == expected, order


@given(st.permutations(range(len(_SHUFFLED_ROWS))))
@settings(max_examples=150, deadline=None)
def test_grouping_does_not_depend_on_row_order(order: list[int]) -> None:
    identity = list(range(len(_SHUFFLED_ROWS)))
    assert _partition(_SHUFFLED_ROWS, list(order)) == _partition(_SHUFFLED_ROWS, identity)


def test_every_automatic_merge_says_which_signal_joined_the_rows() -> None:
    rows = [
        _record("Catholic Relief Services (CRS)"),
        _record("CATHOLIC relief services", country="US"),
        _record("Green Earth Trust", emails={"info@greenearth.org"}),
        _record("Green Erth Trust", emails={"info@greenearth.org"}),
    ]

    result = match_rows(rows, {})

    assert sorted((m.row, m.joined, m.signal) for m in result.merges) == [
        (1, 0, "same name"),
        (3, 2, "same contact email info@greenearth.org"),
    ]


@pytest.mark.parametrize(
    ("first", "second", "acronym"),
    [
        # Real resubmission patterns: a whole name retyped in small letters or title case,
        # where the acronym comes from another language and is no initials of the name.
        (
            "African Centre for Trade, Integration and Development (CACID)",
            "african centre for trade, integration and development (cacid)",
            "CACID",
        ),
        (
            "Quebec Network on Continental Integration (RQIC)",
            "Quebec Network On Continental Integration (Rqic)",
            "RQIC",
        ),
        (
            "Coalición de Tendencia Clasista (CTC-VZLA)",
            "Coalición De Tendencia Clasista (Ctc-Vzla)",
            "CTCVZLA",
        ),
        (
            "FEMNET - African Women's Development and Communication Network",
            "femnet - african women's development and communication network",
            "FEMNET",
        ),
    ],
)
def test_an_acronym_retyped_in_another_case_still_merges(
    first: str, second: str, acronym: str
) -> None:
    for rows in ([_record(first), _record(second)], [_record(second), _record(first)]):
        result = match_rows(rows, {})

        assert result.groups == [[0, 1]]
        assert [m.signal for m in result.merges] == [f"same name and acronym {acronym}"]
    stored = match_rows([_record(second)], {7: _record(first)})
    assert stored.existing == {0: 7}


def test_a_bracketed_word_that_is_nobody_s_acronym_keeps_names_apart() -> None:
    rows = [
        _record("Women Workers Union (Berlin)"),
        _record("Women Workers Union (Hamburg)"),
        _record("Women Workers Union (HAMBURG)"),
        _record("women workers union (hamburg)", country="DE"),
        _record("Women Workers Union (HAMBURG)", country="AT"),
    ]

    result = match_rows(rows, {})

    # "(HAMBURG)" is written as an acronym; the same word in small letters joins it, but
    # never across countries, and Berlin stays on its own.
    assert sorted(result.groups) == [[0], [1, 2, 3], [4]]
    assert [p.reason for p in result.pairs if {p.group, p.other_group} == {1, 2}] == [
        "same name; countries differ (DE / AT)"
    ]


def test_a_word_of_a_script_without_capitals_is_no_acronym() -> None:
    rows = [_record("اوكسفام", country="DZ"), _record("اوكسفام", country="MA")]

    (pair,) = match_rows(rows, {}).pairs

    assert pair.reason == "same name; countries differ (DZ / MA)"
    assert split_acronym("جمعية النساء (امل)") == ("جمعية النساء (امل)", None)
