"""Reading a list of names: a text file with one per line, or a statement in Markdown.

Both are read as Markdown (markdown-it-py): the names are the lines of list items
and paragraphs, however long (a signature with its affiliation is one name). What a
page holds besides (front matter, headings, link definitions, HTML, template tags,
dates, "Signed,", sentences of the statement) is not taken, and every line not taken
is given back with its number and why, for the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

_BULLET = re.compile(r"^(?:[-*+•]|\d{1,4}[.)])\s+")
_TEMPLATE_TAG = re.compile(r"^(?:\{%.*%\}|\{\{.*\}\}|<%.*%>)$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|fevrier|"
    "février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|décembre|"
    "decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    "noviembre|diciembre"
)
_DATE = re.compile(
    r"^\W*(?:"
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:de\s+)?)?(?:{_MONTHS})\.?\s+(?:de\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}|"
    r"\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일"
    r")\W*$",
    re.IGNORECASE,
)
# Words that introduce or close the list, written alone on a line ("Signed,").
_LIST_WORDS = frozenset(
    {"signed", "signatories", "signatures", "signed by", "sincerely", "yours sincerely",
     "regards", "best regards", "the undersigned", "undersigned", "initial signatories",
     "initial signers", "signers", "co-signed", "endorsed by", "endorsements", "list of signatories",
     "signataires", "firmantes", "firmado", "with", "and", "signed:"}
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?。។။।]['\"’”)]*$")
# The end of a sentence inside a line: after a whole lower-case word ("reconsider. The"),
# not after a title or an initial ("Dr. Maria", "J. Smith"), or in a script without
# capitals.
_SENTENCE_BREAK = re.compile(
    r"(?:(?<![^\W\d_])[a-z]{3,}[.!?]|[^\x00-\u024f\s][.!?]|[。។။।])['\"’”)]*\s+\S"
)
# A line this long, ending a sentence, is the statement's text, not a signature; a
# line holding two sentences is too when it has this many words.
_PROSE_WORDS = 20
# Commas in a long line that make it a list of names rather than one signature.
_LISTED_IN_ONE_LINE = 6
_WORDS_PER_LISTED_NAME = 4
_PROSE_CHARACTERS = 200
_TWO_SENTENCES_WORDS = 12


@dataclass(frozen=True)
class SkippedLines:
    """Lines of a name list not taken as names: from ``first`` to ``last``, and why."""

    first: int
    last: int
    reason: str
    text: str

    def describe(self) -> str:
        where = (
            f"line {self.first}" if self.first == self.last else (f"lines {self.first}-{self.last}")
        )
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"{where}: {self.reason} ({shown!r})"


@dataclass(frozen=True)
class NameList:
    """The names of a list (line number, name) and the lines left out."""

    names: tuple[tuple[int, str], ...]
    skipped: tuple[SkippedLines, ...]


if TYPE_CHECKING:
    from markdown_it.token import Token


def read_names(text: str) -> NameList:
    """The names in ``text``, read as Markdown (a plain list of lines is Markdown too),
    and the lines left out."""
    lines = text.splitlines()
    reasons: dict[int, str] = {}  # 0-based line -> why it is not a name
    first = _front_matter_end(lines)
    for index in range(first):
        reasons[index] = "front matter"
    body = [""] * first + lines[first:]
    candidates = _markdown_lines(body, reasons)
    names: list[tuple[int, str]] = []
    for index, name in candidates:
        why = name_line_problem(name)
        if why is None:
            names.append((index + 1, name))
        else:
            reasons[index] = why
    taken = {number - 1 for number, _ in names}
    for index, line in enumerate(lines):
        if index not in taken and index not in reasons and line.strip():
            reasons[index] = (
                "a link definition" if _LINK_DEFINITION.match(line) else "not part of a list"
            )
    return NameList(tuple(names), _runs(lines, reasons))


def name_line_problem(text: str) -> str | None:
    """Why a line of a list is not a name, or None when it can be one."""
    folded = " ".join(text.split())
    if not folded:
        return "empty"
    if _TEMPLATE_TAG.match(folded):
        return "a template tag"
    if _DATE.match(folded):
        return "a date"
    bare = folded.rstrip(":,;.").strip().casefold()
    if bare in _LIST_WORDS or (folded.endswith(":") and len(folded.split()) <= 4):
        return "a word introducing the list"
    words = len(folded.split())
    commas = folded.count(",") + folded.count("、")
    if commas >= _LISTED_IN_ONE_LINE and words <= _WORDS_PER_LISTED_NAME * (commas + 1):
        return "many names in one paragraph, separated by commas (put one per line to import them)"
    ends_sentence = _SENTENCE_END.search(folded) is not None
    if ends_sentence and (words >= _PROSE_WORDS or len(folded) >= _PROSE_CHARACTERS):
        return "a sentence of the text"
    if words >= _TWO_SENTENCES_WORDS and _SENTENCE_BREAK.search(folded):
        return "a sentence of the text"
    return None


def _front_matter_end(lines: Sequence[str]) -> int:
    """How many lines the front matter (``---`` ... ``---`` at the top) takes."""
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], 1):
            if line.strip() == "---":
                return index + 1
    return 0


_BLOCK_REASONS = {
    "heading_open": "a heading",
    "html_block": "HTML",
    "fence": "code",
    "code_block": "code",
    "hr": "a rule",
    "table_open": "a table",
    "blockquote_open": "a quotation",
}


def _markdown_lines(lines: Sequence[str], reasons: dict[int, str]) -> list[tuple[int, str]]:
    """(0-based line, text) of each line of the paragraphs and list items; the lines of
    other blocks get their reason in ``reasons``."""
    from markdown_it import MarkdownIt  # read for name lists only, not for every import

    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines))
    candidates: list[tuple[int, str]] = []
    skipped_until = -1  # the end of a block left out, such as a quotation or a table
    for token in tokens:
        if token.map is None:
            continue
        start, end = token.map
        if start < skipped_until:
            continue
        reason = _BLOCK_REASONS.get(token.type)
        if reason is not None:
            for index in range(start, end):
                reasons.setdefault(index, reason)
            skipped_until = end
            continue
        if token.type == "inline":
            candidates.extend(_inline_lines(token, start, reasons))
    taken = []
    for index, text in candidates:
        raw = _BULLET.sub("", lines[index].strip())
        if len(raw) > 4 and raw[:2] in ("**", "__") and raw[-2:] == raw[:2]:
            # Bold from end to end, though the parser saw bold pieces ("**2021****년**").
            reasons.setdefault(index, "a bold line (a heading)")
        else:
            taken.append((index, text))
    return taken


def _inline_lines(token: Token, start: int, reasons: dict[int, str]) -> list[tuple[int, str]]:
    """The lines of one paragraph's text: links and emphasis read as their text, HTML
    tags left out; a line that is all bold is a heading written another way."""
    lines: list[tuple[int, str]] = []
    line = start
    parts: list[str] = []
    had_html = bold_text = plain_text = False
    bold_depth = 0
    from markdown_it.token import Token

    for child in [*(token.children or ()), Token("softbreak", "", 0)]:
        if child.type in ("softbreak", "hardbreak"):
            text = " ".join("".join(parts).split())
            if text and bold_text and not plain_text:
                reasons.setdefault(line, "a bold line (a heading)")
            elif text:
                lines.append((line, text))
            elif had_html:
                reasons.setdefault(line, "HTML")
            line += 1
            parts = []
            had_html = bold_text = plain_text = False
        elif child.type == "strong_open":
            bold_depth += 1
        elif child.type == "strong_close":
            bold_depth -= 1
        elif child.type == "html_inline":
            had_html = True
        elif child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
            if child.content.strip():
                if bold_depth:
                    bold_text = True
                else:
                    plain_text = True
    return lines


def _runs(lines: Sequence[str], reasons: dict[int, str]) -> tuple[SkippedLines, ...]:
    """Consecutive lines left out for one reason, as one entry (blank lines between
    them do not break a run)."""
    runs: list[SkippedLines] = []
    for index in sorted(reasons):
        reason = reasons[index]
        if reason == "empty":
            continue
        previous = runs[-1] if runs else None
        if (
            previous is not None
            and previous.reason == reason
            and all(not lines[gap].strip() for gap in range(previous.last, index))
        ):
            runs[-1] = SkippedLines(previous.first, index + 1, reason, previous.text)
        else:
            runs.append(SkippedLines(index + 1, index + 1, reason, lines[index].strip()))
    return tuple(runs)
