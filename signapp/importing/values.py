"""Reading the answers people type into forms: yes/no, dates, types, garbled text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache, lru_cache
from types import ModuleType

from email_validator import SPECIAL_USE_DOMAIN_NAMES

from signapp.core.model import OrgKind
from signapp.core.text import fold_for_match
from signapp.core.validation import normalise_email, normalise_phone

# Answers that mean "nothing given" in exports ("NA" alone is Namibia, so it is not one).
BLANK_ANSWERS = frozenset(
    {"n/a", "n.a", "n.a.", "none", "nil", "null", "-", "--", "—", "not applicable",
     "no url provided", "not provided"}
)  # fmt: skip
_YES = frozenset(
    {"yes", "y", "oui", "si", "sim", "ja", "da", "да", "ok", "true", "1", "x", "✓", "✔",
     "public", "publicly", "publique", "publico", "publica", "បាទ", "ចាស", "ใช่", "예", "네"}
)  # fmt: skip
_NO = frozenset(
    {"no", "n", "non", "nao", "nein", "нет", "false", "0", "anonymous", "anonymously",
     "anonyme", "anonimo", "anonima", "ទេ", "ไม่", "아니요", "아니오", "private"}
)  # fmt: skip
_FIRST_WORD = re.compile(r"[\w✓✔\u1780-\u17ff\u0e00-\u0e7f]+")


def same_text(a: str, b: str) -> bool:
    """Whether two answers say the same once case, accents and spacing are folded."""
    return fold_for_match(a) == fold_for_match(b)


@lru_cache(maxsize=4096)
def read_yes_no(answer: str) -> bool | None:
    """True for yes, False for no (in several languages), None when it is neither.

    Only the first word counts, so "Yes, please list us" is yes and "No - keep us
    anonymous" is no.
    """
    folded = fold_for_match(answer)
    if folded.startswith(("do not", "don't", "dont", "please do not", "ne pas")):
        return False
    match = _FIRST_WORD.search(folded)
    if match is None:
        return None
    word = match.group(0)
    if word in _YES:
        return True
    if word in _NO:
        return False
    if word.startswith(("ចាស", "បាទ")):
        return True
    if word.startswith("ទេ"):
        return False
    return None


_KIND_WORDS: tuple[tuple[OrgKind, tuple[str, ...]], ...] = (
    (OrgKind.INTERNATIONAL_NGO, ("international", "ingo", "internacional")),
    (OrgKind.TRADE_UNION, ("union", "syndicat", "sindicato", "sindical", "labour", "labor")),
    (OrgKind.NETWORK, ("network", "coalition", "alliance", "platform", "federation",
                       "reseau", "red", "rede", "plateforme", "consortium", "បណ្តាញ")),
    (OrgKind.COMMUNITY_GROUP, ("community", "cbo", "grassroots", "communautaire",
                               "comunitaria", "comunitario", "សហគមន៍")),
    (OrgKind.LOCAL_NGO, ("ngo", "national", "local", "ong", "association", "non profit",
                         "nonprofit", "non governmental", "civil society", "cso",
                         "foundation", "អង្គការ")),
)  # fmt: skip


@lru_cache(maxsize=4096)
def read_kind(answer: str) -> OrgKind | None:
    """The kind of organisation an answer names; None when it names none we know."""
    folded = (
        " " + re.sub(r"[^\w\u1780-\u17ff]+", " ", fold_for_match(answer.replace("_", " "))) + " "
    )
    for kind, words in _KIND_WORDS:
        for word in words:
            if (f" {word} " in folded) if word.isascii() else (word in folded):
                return kind
    if folded.strip() in {kind.value.replace("_", " ") for kind in OrgKind}:
        return OrgKind(folded.strip().replace(" ", "_"))
    return None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(.*)$")
_YEAR_LAST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(.*)$")
_TIME = re.compile(
    r"^[\sT,]*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?"
    r"\s*(?:(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?|(?:GMT|UTC|Z))?\s*$"
)


def day_comes_first(answers: Iterable[str]) -> bool:
    """Whether dates written n/n/yyyy in this column put the day first.

    Decided once per column: if any date has a first number above 12 it must be a day;
    otherwise the month comes first, as in US-made form exports.
    """
    for answer in answers:
        match = _YEAR_LAST.match(answer.strip())
        if match and int(match.group(1)) > 12:
            return True
    return False


def read_timestamp(answer: str, *, day_first: bool = False) -> str | None:
    """An ISO 8601 date or date-time from what form services write; None if unreadable."""
    text = answer.strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return parsed.isoformat(timespec="seconds") if len(text) > 10 else text[:10]
        except ValueError:
            pass
    match = _YEAR_FIRST.match(text)
    if match:
        year, month, day, rest = (*map(int, match.groups()[:3]), match.group(4))
    else:
        match = _YEAR_LAST.match(text)
        if match is None:
            return None
        first, second, year = map(int, match.groups()[:3])
        rest = match.group(4)
        day, month = (first, second) if day_first else (second, first)
        if year < 100:
            year += 2000
    return _combine(year, month, day, rest)


def _combine(year: int, month: int, day: int, rest: str) -> str | None:
    if not _is_date(year, month, day):
        return None
    if not rest.strip():
        return f"{year:04d}-{month:02d}-{day:02d}"
    time_of_day = _time_of_day(rest)
    if time_of_day is None:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{time_of_day}"


@lru_cache(maxsize=4096)
def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _time_of_day(rest: str) -> str | None:
    """The ISO time (and zone, if given) of what follows a date; None if unreadable.

    A form export repeats the same few hundred times of day, so each is read once.
    """
    match = _TIME.match(rest)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower()
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    zone = ""
    if match.group(5):
        minutes = int(match.group(6)) * 60 + int(match.group(7) or 0)
        if minutes >= 24 * 60:
            return None  # no place on Earth is a day ahead or behind
        sign = "-" if match.group(5) == "-" and minutes else "+"
        zone = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{hour:02d}:{minute:02d}:{second:02d}{zone}"


# "???" for a word a code page lacked, or one "?" for a letter inside a word ("Vi?t");
# a question mark before a bracket or a comma is punctuation.
_QUESTION_RUN = re.compile(r"\?{2,}|\w\?\w")
_MOJIBAKE_ENCODINGS = ("cp1252", "mac_roman", "latin-1")


def _utf8_lead_characters() -> str:
    """What the bytes that start a UTF-8 sequence of two or more look like in the code
    pages above: text with none of them cannot be UTF-8 read in one of those."""
    leads = set()
    for encoding in _MOJIBAKE_ENCODINGS:
        for byte in range(0xC2, 0xF5):
            try:
                leads.add(bytes([byte]).decode(encoding))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(leads))


_MOJIBAKE_LEAD = re.compile(f"[{re.escape(_utf8_lead_characters())}]")


def is_garbled(text: str | None) -> bool:
    """Whether a value was damaged on the way: ``???`` for letters a code page lacked,
    U+FFFD, or UTF-8 read as Windows-1252 / Mac Roman ("Ã©", "√©")."""
    if not text:
        return False
    if "\ufffd" in text or ("?" in text and _QUESTION_RUN.search(text.rstrip("?"))):
        return True
    if text.strip(" ?") == "":
        return True
    if text.isascii() or _MOJIBAKE_LEAD.search(text) is None:
        return False
    for encoding in _MOJIBAKE_ENCODINGS:
        try:
            repaired = text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text:
            return True
    return False


def is_unreadable(text: str) -> bool:
    """Whether nothing of a value survived (only ``?`` and replacement characters)."""
    return not text.replace("?", "").replace("\ufffd", "").strip()


# An everyday address: ASCII dot-atom local part, and a domain of LDH labels with a
# letter-only top-level label. email-validator gives exactly this back for such an
# address (with the domain in lower case); anything else goes through it.
_PLAIN_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$"
)


def normalise_plain_email(value: str) -> str | None:
    """:func:`signapp.core.validation.normalise_email`, fast for everyday addresses.

    Checking thousands of addresses through email-validator takes most of an import's
    time; the plain form of address most forms collect is recognised here directly.
    """
    match = _PLAIN_EMAIL.match(value)
    if match and len(value) <= 254 and value.index("@") <= 64 and "xn--" not in value.lower():
        domain = match.group(1).lower()
        if domain.rpartition(".")[2] not in SPECIAL_USE_DOMAIN_NAMES:
            return value[: len(value) - len(domain)] + domain
    return normalise_email(value)


# A number written with its country prefix, its digits grouped by spaces or dashes.
_INTERNATIONAL_PHONE = re.compile(r"\+[0-9][0-9 \-]*[0-9]")
_PHONE_SEPARATORS = str.maketrans("", "", " -")
# Longest input phonenumbers reads, and the shortest and longest national number.
_PHONE_MAX_INPUT = 250
_PHONE_NATIONAL_LENGTHS = range(2, 18)


@cache
def _phone_library() -> tuple[ModuleType, ModuleType]:
    import phonenumbers
    from phonenumbers import phonenumberutil

    return phonenumbers, phonenumberutil


@cache
def _metadata_for_calling_code(country_code: int) -> object | None:
    """phonenumbers' metadata for a country calling code, as parsing looks it up."""
    util = _phone_library()[1]
    return util.PhoneMetadata.metadata_for_region_or_calling_code(
        country_code, util.region_code_for_country_code(country_code)
    )


@cache
def _possible_lengths() -> frozenset[object]:
    results = _phone_library()[1].ValidationResult
    return frozenset({results.IS_POSSIBLE, results.IS_POSSIBLE_LOCAL_ONLY})


def normalise_plain_phone(value: str, default_region: str | None = None) -> str | None:
    """:func:`signapp.core.validation.normalise_phone`, fast for ``+855 12 345 678``.

    For a number written with its country prefix and only spaces or dashes between its
    digits, this takes the steps ``phonenumbers.parse`` takes for it (country code,
    national prefix, lengths) without the text scanning that form of number does not
    need, and checks the result with ``phonenumbers.is_possible_number`` as
    ``normalise_phone`` does. Anything else, and every number that would be refused,
    goes through ``normalise_phone`` itself, so the result and the message are the same.

    Raises:
        ValidationError: naming the field, as ``normalise_phone`` does.
    """
    if len(value) <= _PHONE_MAX_INPUT and _INTERNATIONAL_PHONE.fullmatch(value):
        e164 = _international_e164(value[1:].translate(_PHONE_SEPARATORS))
        if e164 is not None:
            return e164
    return normalise_phone(value, default_region)


def _international_e164(digits: str) -> str | None:
    """The E.164 form of a number given as its country code and national digits, or
    None where ``phonenumbers.parse`` would refuse it or take another path."""
    util = _phone_library()[1]
    if len(digits) <= util._MAX_LENGTH_COUNTRY_CODE:
        return None
    country_code, national = util._extract_country_code(digits)
    if not country_code or len(national) < util._MIN_LENGTH_FOR_NSN:
        return None
    metadata = _metadata_for_calling_code(country_code)
    if metadata is None:
        return None
    _, stripped, _ = util._maybe_strip_national_prefix_carrier_code(national, metadata)
    if util._test_number_length(stripped, metadata) not in (
        util.ValidationResult.TOO_SHORT,
        util.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        util.ValidationResult.INVALID_LENGTH,
    ):
        national = stripped
    if len(national) not in _PHONE_NATIONAL_LENGTHS:
        return None
    # What is_possible_number tests of such a number, and what format_number writes
    # (leading zeros included, as phonenumbers keeps them for Italian numbers).
    if util._test_number_length(national, metadata) not in _possible_lengths():
        return None
    return f"+{country_code}{national}"


# Characters that show nothing: format controls (byte order mark, zero-width space and
# joiners, direction marks and isolates, soft hyphen) and the blank Hangul fillers.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0"
)
_INVISIBLE_ENDS = re.compile(f"^[\\s{_INVISIBLE}]+|[\\s{_INVISIBLE}]+$")


def strip_invisible_ends(text: str) -> str:
    """``text`` without spaces and invisible characters at its ends (a byte order mark
    pasted from another file, a zero-width space); those inside a name stay, as a
    Khmer or Arabic name may need them."""
    if not text or text.isascii():
        return text.strip()
    return _INVISIBLE_ENDS.sub("", text)
