"""Cutting text into runs of one script, and the drawing order of right-to-left runs."""

from __future__ import annotations

from signapp.export.scripts import Run, script_of, split_runs


def test_letters_are_classed_by_script() -> None:
    assert script_of("A") == "latin"
    assert script_of("ệ") == "latin"
    assert script_of("ក") == "khmer"
    assert script_of("៥") == "khmer"  # Khmer digit
    assert script_of("ก") == "thai"
    assert script_of("ع") == "arabic"
    assert script_of("မ") == "myanmar"
    assert script_of("ש") == "hebrew"
    assert script_of("ሴ") == "ethiopic"
    assert script_of("न") == "devanagari"
    assert script_of("\u093f") == "devanagari"  # a vowel sign goes with its letters
    assert script_of("\u0964") == "common"  # the danda ends Bengali sentences too
    assert script_of("ব") == "bengali"
    assert script_of("த") == "tamil"
    assert script_of("త") == "telugu"
    assert script_of("中") == "han"
    assert script_of("한") == "hangul"
    assert script_of("カ") == "kana"
    assert script_of(" ") == "common"
    assert script_of("(") == "common"
    assert script_of("\u0301") == "common"  # a combining mark takes its letter's script
    assert script_of("ລ") == "lao"  # from Unicode's script data, not a table of blocks
    assert script_of("ვ") == "georgian"
    assert script_of("😀") == "common"


def test_a_line_mixing_latin_and_khmer_is_cut_at_the_script_change() -> None:
    runs = split_runs("Cambodian Youth – វេទិកាយុវជន (CYF)")
    assert [run.script for run in runs] == ["latin", "khmer", "latin"]
    assert runs[0].text == "Cambodian Youth – "
    assert runs[1].text == "វេទិកាយុវជន ("
    assert "".join(run.text for run in runs) == "Cambodian Youth – វេទិកាយុវជន (CYF)"


def test_brackets_around_khmer_stay_in_the_khmer_run() -> None:
    assert split_runs("(ខ្មែរ)") == [Run("khmer", "(ខ្មែរ)")]


def test_signs_a_font_lacks_go_to_the_latin_run() -> None:
    def covers(script: str, char: str) -> bool:
        return char != "—"

    runs = split_runs("ខ្មែរ — ok", covers)
    assert runs == [Run("khmer", "ខ្មែរ "), Run("latin", "— ok")]


def test_signs_between_arabic_and_latin_belong_to_the_latin_side() -> None:
    runs = split_runs("جمعية حقوق (JHI)")
    assert runs == [Run("arabic", "جمعية حقوق"), Run("latin", " (JHI)")]


def test_a_character_no_chosen_font_has_goes_to_a_font_that_has_it() -> None:
    def covers(script: str, char: str) -> bool:
        return char != "√" or script == "arabic"

    def fallback(char: str) -> str | None:
        return "arabic" if char == "√" else None

    runs = split_runs("Solidarit\u221a\u00a9", covers, fallback)  # mojibake for "é"
    assert runs == [Run("latin", "Solidarit"), Run("arabic", "\u221a"), Run("latin", "\u00a9")]
    # without a font anywhere, the character stays where it was (and is reported)
    assert split_runs("a√b", covers, lambda char: None) == [Run("latin", "a√b")]


def test_signs_between_hebrew_and_latin_belong_to_the_latin_side() -> None:
    runs = split_runs("שלום עכשיו (PN)")
    assert runs == [Run("hebrew", "שלום עכשיו"), Run("latin", " (PN)")]
