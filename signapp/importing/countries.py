"""Country names in several languages, and codes, to ISO 3166 alpha-2 codes.

Only exact names (after folding case, accents and punctuation) are recognised: a value
that is not a known name, code or common alias is reported, never guessed.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import re
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from signapp.cache_files import cache_folder, keep
from signapp.core import text as core_text
from signapp.core.text import fold_for_match

# Languages whose country names forms are most often answered in, for the coalitions
# signapp serves; pycountry ships the translations.
TRANSLATED_LANGUAGES = (
    "fr", "es", "pt", "pt_BR", "de", "it", "nl", "ru", "uk", "ar", "fa", "tr", "he",
    "km", "th", "lo", "my", "vi", "id", "ms", "tl", "zh_CN", "zh_TW", "ja", "ko",
    "hi", "bn", "ne", "si", "ta", "ur", "sw", "am",
)  # fmt: skip

COMMON_ALIASES: dict[str, str] = {
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "us": "US",
    "united states": "US",
    "united states of america": "US",
    "russia": "RU",
    "palestine": "PS",
    "occupied palestinian territory": "PS",
    "ivory coast": "CI",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "congo kinshasa": "CD",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo brazzaville": "CG",
    "burma": "MM",
    "holland": "NL",
    "czech republic": "CZ",
    "macedonia": "MK",
    "swaziland": "SZ",
    "east timor": "TL",
    "timor leste": "TL",
    "cape verde": "CV",
    "vatican": "VA",
    "south korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "turkey": "TR",
    "brunei": "BN",
    "micronesia": "FM",
    "hong kong": "HK",
    "macau": "MO",
    "россия": "RU",
    "콩고민주공화국": "CD",
    "미국": "US",
    "영국": "GB",
}
# Words meaning "country of" that forms in Thai and Khmer often put before the name.
_COUNTRY_PREFIXES = ("ประเทศ", "ប្រទេស")

_PUNCTUATION = re.compile(r"[\s.,'’()\-_/]+")
_BRACKETED = re.compile(r"^(.*?)\s*[(\[]([^)\]]*)[)\]]\s*$")


def fold_country(text: str) -> str:
    """The form country names are compared in."""
    folded = _PUNCTUATION.sub(" ", fold_for_match(text).replace("&", " and ")).strip()
    for prefix in _COUNTRY_PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return folded.removeprefix(prefix).strip()
    return folded.removeprefix("the ")


def _name_variants(name: str) -> list[str]:
    """A name, plus "Korea, Republic of" turned round as "Republic of Korea"."""
    variants = [name]
    if ", " in name:
        head, tail = name.split(", ", 1)
        variants.append(f"{tail} {head}")
    return variants


@cache
def _lookup() -> dict[str, str]:
    """Folded name -> code: built once per account and kept in the cache folder.

    Building it folds some 12,000 names of 33 languages, a tenth of the time of a
    5,000-row import run from the command line; reading it back takes a few ms.
    """
    path = _lookup_path()
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(kept, dict) and all(
            isinstance(code, str) and len(code) == 2 for code in kept.values()
        ):
            return kept
    except (OSError, ValueError):
        pass
    lookup = _build_lookup()
    keep(path, json.dumps(lookup, ensure_ascii=False).encode("utf-8"), replacing="countries-*.json")
    return lookup


def _lookup_path() -> Path:
    """The table's file, named after what it is built from: pycountry's data and the
    code that folds and lists names (a change to either makes a new table)."""
    sources = [
        Path(pycountry.DATABASE_DIR) / "iso3166-1.json",
        Path(__file__),
        Path(core_text.__file__),
    ]
    states = [(path.stat().st_size, path.stat().st_mtime_ns) for path in sources]
    digest = hashlib.sha1(repr((states, pycountry.LOCALES_DIR)).encode()).hexdigest()[:12]
    return cache_folder() / f"countries-{digest}.json"


def _build_lookup() -> dict[str, str]:
    primary: dict[str, str] = {}
    translated: dict[str, set[str]] = {}
    english_names: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        primary[code.casefold()] = code
        primary[country.alpha_3.casefold()] = code
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                english_names.append((name, code))
    for name, code in english_names:
        for variant in _name_variants(name):
            primary[fold_country(variant)] = code
    for alias, code in COMMON_ALIASES.items():
        primary[fold_country(alias)] = code
    for language in TRANSLATED_LANGUAGES:
        try:
            catalogue = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            continue
        for name, code in english_names:
            local = catalogue.gettext(name)
            if local != name:
                for variant in _name_variants(local):
                    translated.setdefault(fold_country(variant), set()).add(code)
    lookup = dict(primary)
    for key, codes in translated.items():
        # A word that names different countries in different languages is ambiguous.
        if key not in lookup and len(codes) == 1:
            lookup[key] = next(iter(codes))
    lookup.pop("", None)
    return lookup


@lru_cache(maxsize=4096)
def resolve_country(value: str | None) -> str | None:
    """The ISO alpha-2 code for a name (in any language listed above), code or alias.

    A value such as "Cambodia (KH)" is tried whole, then outside and inside the
    brackets. Returns None when nothing matches exactly.
    """
    if not value or not value.strip():
        return None
    lookup = _lookup()
    code = lookup.get(fold_country(value))
    if code is not None:
        return code
    bracketed = _BRACKETED.match(value.strip())
    if bracketed:
        for part in bracketed.groups():
            code = lookup.get(fold_country(part))
            if code is not None:
                return code
    return None
