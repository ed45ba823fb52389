"""Extract signapp's messages with Babel and bring the language catalogues up to date.

Run from the repository root after adding or changing messages:

    python -m tests.i18n.catalogue          # updates every resources/locale/*/LC_MESSAGES/signapp.po
    python -m tests.i18n.catalogue new th   # starts a catalogue for another language

New messages then appear untranslated in every ``.po`` (and the catalogue test fails until
they are translated); messages no longer in the code are kept as obsolete (``#~``) entries.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from signapp.i18n import DOMAIN, catalogue_path, locale_folder

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCES = REPO_ROOT / "signapp"
METHOD_MAP = [("**.py", "python")]


def extracted() -> Catalog:
    """Every message marked in ``signapp/`` (``_``, ``N_``, ``ngettext``, ``pgettext``)."""
    template = Catalog(domain=DOMAIN, project="signapp", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCES, METHOD_MAP, keywords=DEFAULT_KEYWORDS, strip_comment_tags=True
    ):
        template.add(
            message,
            None,
            [(f"signapp/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read_catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language, domain=DOMAIN)


def write_catalogue(language: str, catalog: Catalog) -> None:
    catalog.last_translator = "signapp translators"
    catalog.language_team = language
    catalog.msgid_bugs_address = ""
    path = catalogue_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(
            target, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False
        )


def update(language: str, template: Catalog) -> Catalog:
    catalog = read_catalogue(language)
    creation_date = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True)
    catalog.creation_date = creation_date
    write_catalogue(language, catalog)
    return catalog


def main(arguments: list[str]) -> int:
    template = extracted()
    if arguments[:1] == ["new"] and len(arguments) == 2:
        template.locale = arguments[1]  # type: ignore[assignment]
        write_catalogue(arguments[1], template)
    for folder in sorted(locale_folder().iterdir()):
        if (folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            catalog = update(folder.name, template)
            missing = sum(1 for m in catalog if m.id and not m.string)
            print(f"{folder.name}: {len(template)} messages, {missing} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
