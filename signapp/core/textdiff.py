"""Word-by-word differences between two versions of a text.

Words are compared as tokens so that a changed word shows as one deletion and one
insertion rather than as scattered letters. Scripts written without spaces between words
(Khmer, Thai, Lao, Myanmar, Chinese, Japanese) are split into syllable-sized clusters: a
base character with its marks and subscript consonants, so that a change inside a
sentence does not mark the whole sentence.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class DiffOp(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True)
class DiffSegment:
    op: DiffOp
    text: str


# Unicode blocks of scripts that do not separate words with spaces.
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x9FFF),  # CJK ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables (spaced, but a syllable is a fair unit)
)
ZERO_WIDTH_SPACE = "\u200b"
FRAGMENT_UNITS = 2
# Signs that join the next consonant below the previous one (Khmer coeng, Myanmar virama).
_JOINERS = frozenset({"\u17d2", "\u1039", "\u103a"})


def _is_unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED_RANGES)


def written_without_spaces(text: str) -> bool:
    """Whether most letters of ``text`` are in scripts without spaces between words, where
    the diff counts syllable-sized clusters rather than words."""
    letters = [char for char in text if char.isalpha()]
    unspaced = sum(1 for char in letters if _is_unspaced(char))
    return bool(letters) and unspaced * 2 > len(letters)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M") or char in ("\u200c", "\u200d")


def _is_separator(char: str) -> bool:
    """Spaces, and the zero width space that Khmer and Thai texts put between words."""
    return char.isspace() or char == ZERO_WIDTH_SPACE


def _is_word_char(char: str) -> bool:
    return char.isalnum() or _is_mark(char)


def tokenise(text: str) -> list[str]:
    """Split ``text`` into words, runs of spaces, punctuation and script clusters.

    Joining the tokens gives back ``text`` exactly.
    """
    tokens: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        end = index + 1
        if _is_unspaced(char) and not _is_mark(char):
            while end < length and (_is_mark(text[end]) or text[end - 1] in _JOINERS):
                end += 1
        elif _is_separator(char):
            while end < length and _is_separator(text[end]):
                end += 1
        elif _is_word_char(char):
            while end < length and _is_word_char(text[end]) and not _is_unspaced(text[end]):
                end += 1
        tokens.append(text[index:end])
        index = end
    return tokens


def _units(text: str) -> list[str]:
    """Tokens with the spaces after them attached: matching a space token that occurs
    everywhere is what makes a token diff slow, and a change then reads "old new"."""
    units: list[str] = []
    for token in tokenise(text):
        if units and _is_separator(token[0]):
            units[-1] += token
        else:
            units.append(token)
    return units


def _unit_key(unit: str) -> str:
    """What two units are compared by: the word without the spaces after it, so that
    "them." at the end of a text and "them. " before an added sentence are the same word."""
    end = len(unit)
    while end > 0 and _is_separator(unit[end - 1]):
        end -= 1
    return unit[:end] or unit


def diff_words(old: str, new: str) -> list[DiffSegment]:
    """The changes from ``old`` to ``new`` as equal, deleted and inserted runs.

    Lines are matched first and words only within the lines that changed, which keeps
    long statements fast and stops a word in one paragraph from matching another.
    Within a replaced stretch the deletion comes before the insertion; adjacent segments
    never share an operation. Spacing after a word is not a change of the word: text
    added after the last word shows as an insertion only, with the space before it.
    """
    segments: list[DiffSegment] = []

    def add(op: DiffOp, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op is op:
            segments[-1] = DiffSegment(op, segments[-1].text + text)
        else:
            segments.append(DiffSegment(op, text))

    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in lines.get_opcodes():
        old_text = "".join(old_lines[old_start:old_end])
        new_text = "".join(new_lines[new_start:new_end])
        if tag == "equal":
            add(DiffOp.EQUAL, old_text)
            continue
        old_tokens = _units(old_text)
        new_tokens = _units(new_text)
        words = difflib.SequenceMatcher(
            None,
            [_unit_key(unit) for unit in old_tokens],
            [_unit_key(unit) for unit in new_tokens],
            autojunk=False,
        )
        for word_tag, a_start, a_end, b_start, b_end in words.get_opcodes():
            if word_tag == "equal":
                # The words are the same; spacing after one that changed (a sentence
                # added after the last word) is a change of spacing only, so both
                # texts still read back from the segments.
                for old_unit, new_unit in zip(
                    old_tokens[a_start:a_end], new_tokens[b_start:b_end], strict=True
                ):
                    word = _unit_key(new_unit)
                    add(DiffOp.EQUAL, word)
                    old_space, new_space = old_unit[len(word) :], new_unit[len(word) :]
                    if old_space == new_space:
                        add(DiffOp.EQUAL, new_space)
                    else:
                        add(DiffOp.DELETE, old_space)
                        add(DiffOp.INSERT, new_space)
            else:
                add(DiffOp.DELETE, "".join(old_tokens[a_start:a_end]))
                add(DiffOp.INSERT, "".join(new_tokens[b_start:b_end]))
    return _absorb_fragments(segments)


def _absorb_fragments(segments: list[DiffSegment]) -> list[DiffSegment]:
    """Fold a tiny unchanged piece between two changes into the change.

    In scripts without spaces a replaced word often shares a syllable with its
    replacement; shown as unchanged, that syllable splits one change into confetti.
    A piece is tiny when it is at most :data:`FRAGMENT_UNITS` units with no separator.
    """
    result: list[DiffSegment] = []
    old_text = new_text = ""

    def flush() -> None:
        nonlocal old_text, new_text
        if old_text:
            result.append(DiffSegment(DiffOp.DELETE, old_text))
        if new_text:
            result.append(DiffSegment(DiffOp.INSERT, new_text))
        old_text = new_text = ""

    for index, segment in enumerate(segments):
        if segment.op is DiffOp.DELETE:
            old_text += segment.text
        elif segment.op is DiffOp.INSERT:
            new_text += segment.text
        elif (
            (old_text or new_text)
            and index + 1 < len(segments)
            and len(tokenise(segment.text)) <= FRAGMENT_UNITS
            and not any(_is_separator(char) for char in segment.text)
        ):
            old_text += segment.text
            new_text += segment.text
        else:
            flush()
            result.append(segment)
    flush()
    return result


@dataclass(frozen=True)
class DiffStats:
    words_inserted: int
    words_deleted: int


def diff_stats(segments: list[DiffSegment]) -> DiffStats:
    """How many word tokens were inserted and deleted (spaces and punctuation not counted)."""

    def words(text: str) -> int:
        return sum(1 for token in tokenise(text) if _is_word_char(token[0]))

    return DiffStats(
        words_inserted=sum(words(s.text) for s in segments if s.op is DiffOp.INSERT),
        words_deleted=sum(words(s.text) for s in segments if s.op is DiffOp.DELETE),
    )
