"""The signed statement PDF, read back: names, counts, privacy, metadata, fonts."""

from __future__ import annotations

import gc
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from sqlite_utils import Database

from signapp.core import signons, statements
from signapp.core.errors import Cancelled, NotFound, SignappError, ValidationError
from signapp.core.text import sort_key
from signapp.export.pdf import PdfOptions, export_statement_pdf, format_date
from tests.export.sample_data import (
    ANONYMOUS_ORGS,
    LATIN_ORGS,
    OTHER_SCRIPT_ORGS,
    Org,
    SampleStatement,
    add_orgs,
    embedded_fonts,
    pdf_text,
)

LISTED_COUNT = len(LATIN_ORGS) + len(OTHER_SCRIPT_ORGS)


@pytest.fixture(autouse=True)
def _invariant_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)


def _files_beside_database(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if "signapp.sqlite" not in path.name)


def _export(sample: SampleStatement, out: Path, **options: object) -> Path:
    export_statement_pdf(sample.db, sample.statement_id, out, PdfOptions(**options))  # type: ignore[arg-type]
    return out


def test_every_public_latin_name_is_printed_once_in_collation_order(
    sample: SampleStatement, tmp_path: Path
) -> None:
    text = pdf_text(_export(sample, tmp_path / "s.pdf"))
    for org in LATIN_ORGS:
        assert text.count(org.name) == 1, org.name
    printed = sorted((org.name for org in LATIN_ORGS), key=text.index)
    assert printed == sorted(printed, key=sort_key)
    # Case and accents do not decide the order, unlike code point order.
    assert printed.index("Ärzte für Menschenrechte") < printed.index("Banteay Srei Women's Group")
    assert printed.index("Œuvre pour la Justice") < printed.index("Women & Children <Rights> Org")
    assert printed[-1] == "zebra Collective"


def test_names_are_numbered_and_acronyms_added_once(
    sample: SampleStatement, tmp_path: Path
) -> None:
    text = pdf_text(_export(sample, tmp_path / "s.pdf"))
    assert re.search(r"\n\d+\.\s*Ärzte für Menschenrechte \(AfM\)\n", text)
    assert re.search(r"\n1\.\s*\S", text)
    assert f"{LISTED_COUNT}." in text
    assert f"{LISTED_COUNT + 1}." not in text.split("Signatories", 1)[1]


def test_anonymous_signatories_are_counted_but_never_named(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = _export(sample, tmp_path / "s.pdf")
    text = pdf_text(out)
    raw = out.read_bytes()
    for org in ANONYMOUS_ORGS:
        assert org.name not in text
        assert org.name.encode() not in raw
    flat = " ".join(text.split())
    assert (
        f"{LISTED_COUNT + len(ANONYMOUS_ORGS)} organisations have signed: {LISTED_COUNT} named "
        f"below and {len(ANONYMOUS_ORGS)} that asked not to be named."
    ) in flat


def test_no_contact_detail_is_printed(sample: SampleStatement, tmp_path: Path) -> None:
    out = _export(sample, tmp_path / "s.pdf", languages=("km", "en"), group_by="country")
    text = pdf_text(out)
    for detail in sample.contact_emails + sample.contact_phones + sample.contact_names:
        assert detail not in text
    assert "@" not in text
    assert "Contactperson" not in text


def test_markup_in_names_prints_literally(sample: SampleStatement, tmp_path: Path) -> None:
    text = pdf_text(_export(sample, tmp_path / "s.pdf"))
    assert "Women & Children <Rights> Org" in text
    assert "<font size=60>Loud</font> Union" in text


def test_metadata_and_page_numbers(sample: SampleStatement, tmp_path: Path) -> None:
    out = _export(sample, tmp_path / "s.pdf", author="Civic Space Coalition")
    reader = PdfReader(out)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Civic space: សង្គមស៊ីវិល now"
    assert meta.author == "Civic Space Coalition"
    version = statements.get_version(sample.db, sample.statement_id)
    version_line = f"version 1 of {format_date(version.issued_at)}"
    count = (
        f"{LISTED_COUNT + 2} organisations have signed: {LISTED_COUNT} named below and 2 that "
        "asked not to be named."
    )
    assert meta.subject == f"Joint statement, {version_line}. {count}"
    assert meta.creation_date is not None
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        page_text = " ".join((page.extract_text() or "").split())
        assert f"page {number} of {total}" in page_text
        assert version_line in page_text  # the footer says which text this is
    assert count in " ".join(pdf_text(out).split())  # the page says what the subject says


def test_fonts_for_every_script_are_embedded(sample: SampleStatement, tmp_path: Path) -> None:
    fonts = embedded_fonts(_export(sample, tmp_path / "s.pdf", languages=("km", "en")))
    for family in (
        "NotoSans-",
        "NotoSansKhmer-",
        "NotoSansThai-",
        "NotoSansArabic-",
        "NotoSansMyanmar-",
    ):
        assert any(name.startswith(family) for name in fonts), (family, fonts)
    assert "NotoSans-W700" in fonts  # headings and the title in a real bold
    assert all(fonts.values()), fonts  # nothing left to the viewer's own fonts


def test_texts_in_two_languages_print_one_after_the_other(
    sample: SampleStatement, tmp_path: Path
) -> None:
    text = pdf_text(_export(sample, tmp_path / "s.pdf", languages=("km", "en")))
    assert "Protect civic space" in text
    assert "harassment" in text
    assert text.index("Protect civic space") < text.index("Signatories")


def test_a_language_the_version_lacks_is_refused(sample: SampleStatement, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no text in 'th'"):
        _export(sample, tmp_path / "s.pdf", languages=("th",))
    assert not (tmp_path / "s.pdf").exists()


def test_grouped_by_country_with_counts(sample: SampleStatement, tmp_path: Path) -> None:
    text = pdf_text(_export(sample, tmp_path / "s.pdf", group_by="country", columns=2))
    flat = " ".join(text.split())
    assert "Cambodia (4)" in flat
    assert "Germany (1)" in flat
    assert "Country not given (1)" in flat
    assert flat.index("Cambodia (4)") < flat.index("Germany (1)") < flat.index("Country not given")
    # numbering runs on across groups
    assert f"{LISTED_COUNT}." in flat


def test_grouped_by_kind_in_three_columns(sample: SampleStatement, tmp_path: Path) -> None:
    text = pdf_text(_export(sample, tmp_path / "s.pdf", group_by="kind", columns=3))
    flat = " ".join(text.split())
    assert "Trade union (1)" in flat
    assert "Network (3)" in flat
    joined = flat.replace(" ", "")  # narrow columns wrap a long name
    for org in LATIN_ORGS:
        assert joined.count(org.name.replace(" ", "")) == 1


def test_reconfirmation_needed_after_substantive_revision_is_left_out(
    sample: SampleStatement, tmp_path: Path
) -> None:
    db, sid = sample.db, sample.statement_id
    statements.revise_statement(db, sid, "# New text\n\nChanged demands.", kind="substantive")
    first = next(
        row for row in signons.list_signons(db, sid) if row.organisation_name == LATIN_ORGS[0].name
    )
    signons.record_signon(db, sid, first.signon.organisation_id, version_number=2)
    summary = export_statement_pdf(db, sid, tmp_path / "v2.pdf", PdfOptions())
    assert summary.listed == 1
    assert summary.anonymous == 0
    assert summary.left_out_for_reconfirmation == LISTED_COUNT + len(ANONYMOUS_ORGS) - 1
    assert any("reconfirm" in line for line in summary.lines())
    text = pdf_text(tmp_path / "v2.pdf")
    assert LATIN_ORGS[0].name in text
    assert LATIN_ORGS[1].name not in text
    # the first version can still be printed with its own signatories
    old = export_statement_pdf(db, sid, tmp_path / "v1.pdf", PdfOptions(version_number=1))
    # ...all of them, the one that has since confirmed the new text too
    assert old.listed == LISTED_COUNT
    assert old.left_out_for_reconfirmation == 0


def test_progress_goes_up_to_the_total(sample: SampleStatement, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_statement_pdf(
        sample.db,
        sample.statement_id,
        tmp_path / "s.pdf",
        PdfOptions(),
        progress=lambda done, total: calls.append((done, total)),
    )
    # each name counts twice, prepared then drawn; the count only goes up
    assert calls[-1] == (2 * LISTED_COUNT, 2 * LISTED_COUNT)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_the_cycle_collector_is_paused_while_the_list_is_laid_out(
    sample: SampleStatement, tmp_path: Path
) -> None:
    # Full collector passes over a long list's live names made time grow faster than N.
    collector_running: list[bool] = []
    export_statement_pdf(
        sample.db,
        sample.statement_id,
        tmp_path / "s.pdf",
        PdfOptions(),
        progress=lambda _done, _total: collector_running.append(gc.isenabled()),
    )
    assert collector_running and not any(collector_running)
    assert gc.isenabled()


def test_a_cancelled_export_keeps_the_earlier_file(sample: SampleStatement, tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    out.write_bytes(b"%PDF- the good earlier file")
    with pytest.raises(Cancelled):
        export_statement_pdf(sample.db, sample.statement_id, out, PdfOptions(), cancel=lambda: True)
    assert out.read_bytes() == b"%PDF- the good earlier file"
    assert _files_beside_database(tmp_path) == ["s.pdf"]


def test_a_failing_layout_leaves_no_half_file(
    sample: SampleStatement, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signapp.export.layout as layout

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(layout.BaseDocTemplate, "build", broken)
    with pytest.raises(SignappError, match=r"s\.pdf: could not be written \(disk full\)"):
        _export(sample, tmp_path / "s.pdf")
    assert _files_beside_database(tmp_path) == []


def test_a_temporary_left_by_a_killed_export_is_removed_by_the_next(
    sample: SampleStatement, tmp_path: Path
) -> None:
    (tmp_path / ".s.pdf.0123abcd.part").write_bytes(b"%PDF- half written")
    _export(sample, tmp_path / "s.pdf")
    assert _files_beside_database(tmp_path) == ["s.pdf"]
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF-")


def test_missing_folder_and_unknown_statement_are_clear_errors(
    sample: SampleStatement, tmp_path: Path
) -> None:
    with pytest.raises(SignappError, match="does not exist"):
        _export(sample, tmp_path / "nowhere" / "s.pdf")
    with pytest.raises(NotFound):
        export_statement_pdf(sample.db, 999, tmp_path / "s.pdf", PdfOptions())
    with pytest.raises(ValidationError, match="columns"):
        _export(sample, tmp_path / "s.pdf", columns=4)


def test_output_is_byte_stable_in_invariant_mode(sample: SampleStatement, tmp_path: Path) -> None:
    first = _export(sample, tmp_path / "a.pdf", languages=("km", "en")).read_bytes()
    second = _export(sample, tmp_path / "b.pdf", languages=("km", "en")).read_bytes()
    assert first == second


def test_dates_print_as_day_month_year() -> None:
    assert format_date("2018-07-19") == "19 July 2018"
    assert format_date("2026-11-27T17:00:00+00:00") == "27 November 2026"
    assert format_date("soon") == "soon"
    assert format_date(None) == ""


def test_without_the_cjk_font_package_the_export_warns_instead_of_printing_boxes_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from signapp.export import fonts
    from signapp.export.layout import ListedEntry, StatementDocument, write_statement_pdf

    for script in ("han", "kana", "hangul"):
        missing = replace(fonts.FONT_SOURCES[script], package="signapp_no_such_font_package")
        monkeypatch.setitem(fonts.FONT_SOURCES, script, missing)
    document = StatementDocument(
        title="Solidarity",
        date_text="1 May 2026",
        texts=["We stand together."],
        entries=[ListedEntry("中国劳工通讯"), ListedEntry("Latin Only Union")],
        anonymous_count=0,
    )
    result = write_statement_pdf(document, tmp_path / "s.pdf", fonts.FontSet())
    assert len(result.warnings) == 1
    assert "Chinese" in result.warnings[0] and "reinstall signapp" in result.warnings[0]
    assert "中国劳工通讯" in result.warnings[0]


def test_a_statement_nobody_signed_yet_still_exports(db: Database, tmp_path: Path) -> None:
    statement_id = statements.create_issued_statement(db, "Early draft", "Text *only*.")
    summary = export_statement_pdf(db, statement_id, tmp_path / "e.pdf", PdfOptions())
    assert (summary.listed, summary.anonymous, summary.pages) == (0, 0, 1)
    assert "No organisation has signed yet." in pdf_text(tmp_path / "e.pdf")


def test_a_title_with_markup_prints_and_files_literally(tmp_path: Path) -> None:
    from signapp.export.fonts import font_set
    from signapp.export.layout import ListedEntry, StatementDocument, write_statement_pdf

    title = 'Stop <b>now</b> & "forever" <font size=60>'
    document = StatementDocument(
        title=title,
        date_text="1 May 2026",
        texts=["Text."],
        entries=[ListedEntry("One Org")],
        anonymous_count=0,
    )
    out = tmp_path / "t.pdf"
    write_statement_pdf(document, out, font_set())
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title == title
    first_page = " ".join((reader.pages[0].extract_text() or "").split())
    assert first_page.count(title) == 2  # the heading and the footer


def test_thai_and_khmer_names_copy_out_of_the_pdf_as_written(
    sample: SampleStatement, tmp_path: Path
) -> None:
    """Subscript consonants are glyphs of their own; they still read back as text.

    (Khmer vowels written before their consonant, such as េ, read back in drawing
    order, and Arabic as presentation forms: those are checked by looking.)
    """
    text = "".join(pdf_text(_export(sample, tmp_path / "s.pdf")).split())
    for name in ("មជ្ឈមណ្ឌលសិទ្ធិមនុស្សកម្ពុជា", "เครือข่ายสิทธิมนุษยชน"):
        assert text.count(name) == 1, name


def test_a_draft_is_not_printed_as_the_signed_statement(db: Database, tmp_path: Path) -> None:
    statement_id = statements.create_issued_statement(db, "Statement", "Issued text.")
    statements.save_draft_text(db, statement_id, "en", "Draft text, not agreed.")
    draft = statements.get_draft(db, statement_id)
    assert draft is not None
    with pytest.raises(ValidationError, match="draft"):
        export_statement_pdf(
            db, statement_id, tmp_path / "d.pdf", PdfOptions(version_number=draft.number)
        )
    summary = export_statement_pdf(db, statement_id, tmp_path / "s.pdf", PdfOptions())
    assert summary.version_number == 1
    assert "Issued text." in pdf_text(tmp_path / "s.pdf")


def test_a_name_taller_than_a_column_is_refused_naming_it(db: Database, tmp_path: Path) -> None:
    from signapp.core import organisations, signons, statements

    statement_id = statements.create_issued_statement(db, "Long names", "Text")
    endless = "Coalition " + "of the rivers and the forests " * 200
    org_id = organisations.add_organisation(db, endless)
    signons.record_signon(db, statement_id, org_id)
    out = tmp_path / "long.pdf"
    out.write_bytes(b"%PDF- earlier")
    with pytest.raises(
        SignappError,
        match=r"“Coalition of the rivers.*too long to fit in one page column; shorten its printed name or print fewer columns",
    ):
        export_statement_pdf(db, statement_id, out, PdfOptions(columns=3))
    assert out.read_bytes() == b"%PDF- earlier"


# Names in scripts whose fonts come from the justmytype packs or are shipped with
# signapp, and the family each must be drawn in.
FAMILY_OF_NAME = {
    "שלום עכשיו": "NotoSansHebrew",
    "የኢትዮጵያ ሴቶች ማኅበር": "NotoSansEthiopic",
    "नेपाल महिला संघ": "NotoSansDevanagari",
    "বাংলাদেশ নারী": "NotoSansBengali",
    "தமிழ் மகளிர்": "NotoSansTamil",
    "తెలుగు మహిళా": "NotoSansTelugu",
    "საქართველოს ქალთა კავშირი": "NotoSansGeorgian",
    "Հայաստանի կանանց խորհուրդ": "NotoSansArmenian",
    "ලංකා කාන්තා සංගමය": "NotoSansSinhala",
    "ગુજરાત મહિલા મંડળ": "NotoSansGujarati",
    "ਪੰਜਾਬ ਮਹਿਲਾ ਸਭਾ": "NotoSansGurmukhi",
    "ಬೆಳಗಾವಿ ಮಹಿಳಾ ಸಂಘ": "NotoSansKannada",
    "കേരള വനിതാ സംഘം": "NotoSansMalayalam",
    "କଟକ ମହିଳା ସଂଘ": "NotoSansOriya",
}


def test_hebrew_ethiopic_and_indic_names_print_in_their_own_fonts(
    db: Database, tmp_path: Path
) -> None:
    """Each name is drawn in its script's font, every letter with a glyph of its own;
    only Thaana, for which no font is shipped, is printed in Latin letters, and said so."""
    import pdfplumber

    statement_id = statements.create_issued_statement(db, "Solidarity", "We stand together.")
    add_orgs(db, statement_id, [Org(name) for name in FAMILY_OF_NAME] + [Org("ދިވެހި")])
    out = tmp_path / "s.pdf"
    summary = export_statement_pdf(db, statement_id, out, PdfOptions())

    (warning,) = summary.warnings
    assert warning.startswith("Thaana letters are printed in Latin letters")
    assert "'ދިވެހި' (divehi)" in warning
    assert all(embedded_fonts(out).values())
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
    for name, family in FAMILY_OF_NAME.items():
        drawn = sorted(
            (char for char in chars if char["fontname"].split("+")[-1].startswith(family + "-")),
            key=lambda char: char["x0"],
        )
        letters = "".join(char["text"] for char in drawn if char["text"].strip())
        # Every letter, and nothing else (a missing glyph reads back as U+0000).
        assert set(letters) == set(name.replace(" ", "")), (family, letters)
        if family == "NotoSansHebrew":  # drawn right to left
            assert letters[::-1] == name.replace(" ", "")
