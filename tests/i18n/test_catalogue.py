"""Every message in the code is in each catalogue, translated and not fuzzy."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog

from signapp.i18n import available_languages
from tests.i18n.catalogue import extracted, read_catalogue

TRANSLATED_LANGUAGES = [code for code in available_languages() if code != "en"]


@pytest.fixture(scope="module")
def code_messages() -> Catalog:
    return extracted()


def _key(message: object) -> tuple[object, object]:
    return (message.id, message.context)  # type: ignore[attr-defined]


def test_the_code_has_messages_to_translate(code_messages: Catalog) -> None:
    assert len(code_messages) > 20


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_in_the_code_is_in_the_catalogue(
    language: str, code_messages: Catalog
) -> None:
    catalogue = read_catalogue(language)
    present = {_key(m) for m in catalogue if m.id}
    missing = [
        f"{m.locations[0][0]}:{m.locations[0][1]}: {m.id!r}"
        for m in code_messages
        if m.id and _key(m) not in present
    ]
    assert not missing, (
        f"{len(missing)} messages are not in the {language} catalogue "
        "(run `python -m tests.i18n.catalogue` and translate them):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    catalogue = read_catalogue(language)
    untranslated = [
        repr(m.id)
        for m in catalogue
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    fuzzy = [repr(m.id) for m in catalogue if m.id and m.fuzzy]
    assert not untranslated, f"untranslated in {language}:\n" + "\n".join(untranslated)
    assert not fuzzy, f"fuzzy in {language}:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    """A translation that drops or renames ``{name}`` would raise or lose data at run time."""
    placeholder = re.compile(r"\{[^{}]*\}")
    wrong = []
    for m in read_catalogue(language):
        if not m.id:
            continue
        sources = m.id if isinstance(m.id, tuple) else (m.id,)
        targets = m.string if isinstance(m.string, tuple) else (m.string,)
        expected = set(placeholder.findall(sources[-1]))
        for target in targets:
            if target and set(placeholder.findall(target)) != expected:
                wrong.append(f"{m.id!r}: {target!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)
