"""Where each script's font file lives among the installed font packages.

Shared by the PDF export and the desktop app (which registers the same files with Qt),
and kept free of ReportLab so that the app's start-up does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from signapp.bundled import resources_folder


@dataclass(frozen=True)
class FontSource:
    """Where one script's font lives: a file inside an installed package, or (package
    None) one signapp ships itself in ``resources/fonts`` because no package has it."""

    script: str
    package: str | None
    upright: str
    italic: str | None = None
    bold: str | None = None  # a static bold face, where the file is not variable


# Latin also covers Vietnamese, Greek and Cyrillic. Han, kana and Hangul each get the
# regional CJK family that draws them as readers of that script expect.
FONT_SOURCES: dict[str, FontSource] = {
    source.script: source
    for source in (
        FontSource(
            "latin",
            "fontpkg_noto_sans",
            "files/NotoSans[wdth,wght].ttf",
            "files/NotoSans-Italic[wdth,wght].ttf",
        ),
        FontSource("khmer", "fontpkg_noto_sans_khmer", "files/NotoSansKhmer[wdth,wght].ttf"),
        FontSource("thai", "fontpkg_noto_sans_thai", "files/NotoSansThai[wdth,wght].ttf"),
        FontSource("arabic", "fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf"),
        FontSource(
            "myanmar",
            "justmytype_intl_sea",
            "fonts/ofl/notosansmyanmar/NotoSansMyanmar[wdth,wght].ttf",
        ),
        FontSource(
            "lao", "justmytype_intl_sea", "fonts/ofl/notosanslao/NotoSansLao[wdth,wght].ttf"
        ),
        FontSource(
            "hebrew",
            "justmytype_intl_rtl",
            "fonts/ofl/notosanshebrew/NotoSansHebrew[wdth,wght].ttf",
        ),
        FontSource(
            "ethiopic",
            "justmytype_intl_africa",
            "fonts/ofl/notosansethiopic/NotoSansEthiopic[wdth,wght].ttf",
        ),
        *(
            FontSource(
                script,
                "justmytype_intl_south_asia",
                f"fonts/ofl/notosans{script}/NotoSans{script.title()}[wdth,wght].ttf",
            )
            for script in ("devanagari", "bengali", "tamil", "telugu")
        ),
        *(
            FontSource(
                script,
                None,
                f"NotoSans{script.title()}-Regular.ttf",
                bold=f"NotoSans{script.title()}-Bold.ttf",
            )
            for script in (
                "georgian",
                "armenian",
                "sinhala",
                "gujarati",
                "gurmukhi",
                "kannada",
                "malayalam",
                "oriya",
            )
        ),
        FontSource("han", "justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf"),
        FontSource("kana", "justmytype_intl_cjk", "fonts/ofl/notosansjp/NotoSansJP[wght].ttf"),
        FontSource("hangul", "justmytype_intl_cjk", "fonts/ofl/notosanskr/NotoSansKR[wght].ttf"),
    )
}

SCRIPT_LABELS = {
    "latin": "Latin",
    "khmer": "Khmer",
    "thai": "Thai",
    "arabic": "Arabic",
    "myanmar": "Burmese",
    "lao": "Lao",
    "hebrew": "Hebrew",
    "ethiopic": "Ethiopic",
    "devanagari": "Devanagari",
    "bengali": "Bengali",
    "tamil": "Tamil",
    "telugu": "Telugu",
    "georgian": "Georgian",
    "armenian": "Armenian",
    "sinhala": "Sinhala",
    "gujarati": "Gujarati",
    "gurmukhi": "Gurmukhi",
    "kannada": "Kannada",
    "malayalam": "Malayalam",
    "oriya": "Odia",
    "han": "Chinese",
    "kana": "Japanese",
    "hangul": "Korean",
}


def font_file(source: FontSource, *, italic: bool = False, bold: bool = False) -> Path | None:
    """The font file of ``source`` inside its package, or None when not installed."""
    relative = source.italic if italic and source.italic else source.upright
    if bold and source.bold:
        relative = source.bold
    if source.package is None:
        path = resources_folder() / "fonts" / relative
        return path if path.is_file() else None
    try:
        path = Path(str(files(source.package).joinpath(relative)))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


def licence_file(source: FontSource) -> Path | None:
    """The licence shipped beside the font (``LICENSE`` or ``OFL.txt``), if installed."""
    path = font_file(source)
    if path is None:
        return None
    for folder in (path.parent, path.parent.parent):
        for name in ("OFL.txt", "LICENSE"):
            if (folder / name).is_file():
                return folder / name
    return None
