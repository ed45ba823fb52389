"""Finding the same organisation written in different ways.

Two kinds of signal:

* exact signals merge on their own: the same name or own-script name once case, spaces,
  an acronym in brackets, ``&``/``and``, accents, Unicode form and Khmer spelling
  variants are folded away; or the same contact email, when the names agree.
* likely signals only propose a :class:`ReviewPair` for the coordinator: the same
  acronym and country, the same (non free-mail) email domain, similar names.

Names whose numbers differ ("Youth Rights Network 12" / "... 45") or whose countries
differ are never merged on their own. Candidates are found through blocking keys
(acronym, domain, the rarest words of a name, the start of a name), so the work grows
with the number of rows, not with its square.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache

from rapidfuzz import fuzz, process

from signapp.core.errors import Cancelled
from signapp.core.text import fold_for_match
from signapp.i18n import N_, _

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

FUZZY_THRESHOLD = 85
# How alike the words two similar names do not share must be (a typo, not a new word).
DIFFERING_WORDS_THRESHOLD = 75
# Blocks bigger than this are words or domains too common to tell organisations apart.
MAX_BLOCK = 25
_RAREST_WORDS = 2
_PREFIX_LENGTH = 5

FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "hotmail.com",
        "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com",
        "mail.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.ru", "yandex.ru",
        "yandex.com", "protonmail.com", "proton.me", "pm.me", "tutanota.com",
        "riseup.net", "fastmail.com", "zoho.com", "qq.com", "163.com", "126.com",
        "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "orange.fr",
        "free.fr", "laposte.net", "wanadoo.fr", "libero.it", "btinternet.com",
        "camintel.com", "online.com.kh",
    }
)  # fmt: skip
# Providers with a domain per country (yahoo.fr, hotmail.co.uk, outlook.com.kh...).
_FREE_MAIL_PROVIDERS = ("yahoo", "hotmail", "outlook", "live", "gmx", "yandex")

_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_APOSTROPHES = re.compile("['’‘`´ʼ]")
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*")
_DASHED_ACRONYM_BEFORE = re.compile(r"^([A-Z][A-Z0-9&.\-]{1,11})\s+[-–—:]\s+(\S.*\S)$")
_DASHED_ACRONYM_AFTER = re.compile(r"^(\S.*\S)\s+[-–—:]\s+([A-Z][A-Z0-9&.\-]{1,11})$")
_DASHES = ("-", "–", "—", ":")  # what sets an acronym apart in the two patterns above
# Everything but letters, digits and the combining marks of the scripts that use them.
_SEPARATORS = re.compile(
    "[^\\w\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+"
)
# The same for ASCII text, as a str.translate table: apostrophes go, every character
# that is not a letter, a digit or "_" becomes a space.
_ASCII_NAME_TABLE = {
    code: None if chr(code) in "'`" else " "
    for code in range(128)
    if not (chr(code).isalnum() or chr(code) == "_")
}
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_FOLDS = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0671": "\u0627",  # alef wasla
        "\u0626": "\u064a",  # yeh with hamza above -> yeh
        "\u0624": "\u0648",  # waw with hamza above -> waw
        "\u0629": "\u0647",  # taa marbuta -> haa
        "\u0649": "\u064a",  # alef maqsura -> yaa
        "\u06cc": "\u064a",  # Persian yeh
        "\u06a9": "\u0643",  # keheh -> kaf
        "\u0640": None,  # tatweel
        **{chr(code): None for code in range(0x064B, 0x0660)},  # harakat, hamza marks
        "\u0670": None,  # superscript alef
    }
)
_NUMBERS = re.compile(r"\d+")
# Any decimal digit of any script (Unicode category Nd, as ``str.isdecimal``).
_DECIMAL_DIGIT = re.compile(r"\d")
_AND_WORDS = frozenset({"and", "et", "y", "e", "und"})
_DROPPED_WORDS = frozenset({"the"})
_STOP_WORDS = frozenset(
    {"of", "for", "the", "and", "de", "du", "des", "la", "le", "les", "el", "los", "del",
     "da", "do", "dos", "in", "on", "et", "y", "e", "und", "to", "a"}
)  # fmt: skip


def _acronym_like(text: str) -> bool:
    """ "CRS", "K-NGO", "ECHO": one short word in capitals, no lower-case letter (a word
    of a script without capitals, Arabic or Khmer, is a word, not an acronym)."""
    if " " in text.strip():
        return False
    compact = text.replace("-", "").replace(".", "").replace("&", "")
    return (
        2 <= len(compact) <= 12
        and any(char.isalpha() for char in compact)
        and not any(char.islower() for char in compact)
        and any(char.isupper() for char in compact)
        and compact.isalnum()
    )


@lru_cache(maxsize=200_000)
def fold_acronym(text: str | None) -> str:
    """The form acronyms are compared in: folded, without dots, dashes or spaces."""
    return _SEPARATORS.sub("", fold_for_match(text)) if text else ""


@lru_cache(maxsize=200_000)
def split_acronym(name: str) -> tuple[str, str | None]:
    """Take an acronym written with a name out of it.

    ``Catholic Relief Services (CRS)``, ``CRS - Catholic Relief Services`` and
    ``United(DWAU)`` give the name without it and the acronym; a bracket that does not
    hold an acronym stays part of the name.
    """
    text = _ZERO_WIDTH.sub("", name).strip()
    acronym: str | None = None

    def take(match: re.Match[str]) -> str:
        nonlocal acronym
        inside = match.group(1).strip()
        if acronym is None and (
            _acronym_like(inside) or _initials_of(inside, text.replace(match.group(0), " "))
        ):
            acronym = inside
            return " "
        return match.group(0)

    if "(" in text or "[" in text:
        text = _BRACKETED.sub(take, text).strip()
    if acronym is None and any(dash in text for dash in _DASHES):
        before = _DASHED_ACRONYM_BEFORE.match(text)
        after = _DASHED_ACRONYM_AFTER.match(text)
        if before and " " in before.group(2):
            acronym, text = before.group(1), before.group(2)
        elif after and " " in after.group(1):
            text, acronym = after.group(1), after.group(2)
    return text, acronym


_LOOSE_ACRONYM_BEFORE = re.compile(r"^(\S{2,14})\s+[-–—:]\s+(\S.*\S)$")
_LOOSE_ACRONYM_AFTER = re.compile(r"^(\S.*\S)\s+[-–—:]\s+(\S{2,14})$")


@lru_cache(maxsize=200_000)
def split_loose_acronym(name: str) -> tuple[str, str] | None:
    """The name and the word that may be its acronym, whatever its case.

    ``split_acronym`` takes "(CACID)" or "(atalc)" by their form; "(cacid)" after
    "African Centre for Trade, Integration and Development" (a French acronym in small
    letters) or "(Rqic)" in a name typed in title case look like any other word. Such a
    word is an acronym only if another spelling of the name writes it as one, so it is
    kept here for that comparison (see :func:`match_keys`). None when the name has no
    such word, or ``split_acronym`` already took it.
    """
    text = _ZERO_WIDTH.sub("", name).strip()
    if split_acronym(name)[1] is not None:
        return None
    word: str | None = None
    rest = text
    brackets = list(_BRACKETED.finditer(text))
    if len(brackets) == 1 and _acronym_like(brackets[0].group(1).strip().upper()):
        word = brackets[0].group(1).strip()
        rest = text.replace(brackets[0].group(0), " ")
    elif any(dash in text for dash in _DASHES):
        before = _LOOSE_ACRONYM_BEFORE.match(text)
        after = _LOOSE_ACRONYM_AFTER.match(text)
        if before and " " in before.group(2) and _acronym_like(before.group(1).upper()):
            word, rest = before.group(1), before.group(2)
        elif after and " " in after.group(1) and _acronym_like(after.group(2).upper()):
            rest, word = after.group(1), after.group(2)
    if word is None or len(rest.split()) < 2:
        return None
    return rest, word


def _initials_of(word: str, name: str) -> bool:
    """Whether ``word`` is the name's acronym written in small letters ("(atalc)" after
    "Amigos de la Tierra America Latina y el Caribe", "(cecide)" after "Centre du
    Commerce International pour le Developpement"): it starts with the name's first
    letter and its letters come, in order, in the name. A place in brackets rarely
    does ("(Berlin)" after "ATTAC")."""
    letters = fold_for_match(word).replace("-", "").replace(".", "")
    words = [w for w in fold_for_match(name).replace("-", " ").split() if w not in _DROPPED_WORDS]
    if not (2 <= len(letters) <= 12 and letters.isalpha()) or len(words) < 2:
        return False
    if letters[0] != words[0][0]:
        return False
    remaining = iter("".join(words))
    return all(letter in remaining for letter in letters)


def _ascii_digits(text: str) -> str:
    if text.isascii() or _DECIMAL_DIGIT.search(text) is None:
        return text
    return "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() and not char.isascii() else char
        for char in text
    )


@lru_cache(maxsize=200_000)
def name_key(name: str | None) -> str:
    """The folded form in which two spellings of one name are equal.

    Folds case, accents, Unicode form, Khmer spelling variants, spacing, punctuation,
    apostrophes, a leading or trailing "the", ``&`` against "and" (et, y, und), and an
    acronym written in brackets or after a dash.
    """
    if not name:
        return ""
    bare, _ = split_acronym(name)
    words = _name_words(bare.replace("&", " and "))
    return " ".join(
        "and" if word in _AND_WORDS else word for word in words if word not in _DROPPED_WORDS
    )


def _name_words(text: str) -> list[str]:
    """The folded words of a name, apostrophes dropped, everything else between words."""
    if text.isascii():  # the same words, without regular expressions or Unicode forms
        return text.translate(_ASCII_NAME_TABLE).lower().split()
    folded = fold_for_match(_APOSTROPHES.sub("", text))
    if _ARABIC_LETTER.search(folded):
        folded = fold_arabic(folded)
    return _SEPARATORS.sub(" ", _ascii_digits(folded)).split()


def fold_arabic(text: str) -> str:
    """Arabic spellings of one name made equal: the hamza forms of alef, yeh and waw,
    taa marbuta and haa, alef maqsura and yaa (Arabic or Persian), tatweel and harakat.

    People type these interchangeably (a keyboard without hamza, a name copied from a
    document with vowel marks); like accents on Latin letters, they do not make a name
    another one. For matching only: the name is stored as typed.
    """
    return text.translate(_ARABIC_FOLDS)


def is_free_mail(domain: str) -> bool:
    """Whether addresses at ``domain`` belong to people rather than organisations."""
    return domain in FREE_MAIL_DOMAINS or domain.split(".", 1)[0] in _FREE_MAIL_PROVIDERS


@dataclass(frozen=True)
class MatchRecord:
    """What matching needs to know of an organisation: one row, or a directory entry."""

    name: str
    local_name: str | None = None
    acronym: str | None = None
    country: str | None = None
    emails: frozenset[str] = frozenset()
    website: str | None = None
    phones: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MatchKeys:
    """The folded forms of a :class:`MatchRecord` that matching compares.

    ``label`` and ``local_label`` keep the names as written, for the reasons a person
    reads; every other field is folded.
    """

    name: str
    names: frozenset[str]
    local_names: frozenset[str]
    acronyms: frozenset[str]
    numbers: frozenset[str]
    countries: frozenset[str]
    emails: frozenset[str]
    domains: frozenset[str]
    websites: frozenset[str]
    phones: frozenset[str] = frozenset()
    label: str = ""
    local_label: str = ""


_NONE: frozenset[str] = frozenset()


def website_key(url: str | None) -> str:
    """A web address without scheme, "www.", case or trailing slash, for comparison."""
    if not url:
        return ""
    address = url.strip().casefold().split("://", 1)[-1].removeprefix("www.")
    return address.rstrip("/")


def match_keys(record: MatchRecord) -> MatchKeys:
    """Fold a record once; every comparison then uses these keys."""
    main = name_key(record.name)
    local = name_key(record.local_name) if record.local_name else ""
    names = {main, local}
    names.discard("")
    acronyms = {fold_acronym(record.acronym)} if record.acronym else set()
    _, bracketed = split_acronym(record.name)
    if bracketed:
        acronyms.add(fold_acronym(bracketed))
    if _acronym_like(record.name.strip()):
        acronyms.add(fold_acronym(record.name))
    acronyms.discard("")
    # "Name|acronym": rows that write one acronym in different cases share this key.
    names.update(f"{main}|{acronym}" for acronym in acronyms if main)
    loose = split_loose_acronym(record.name)
    if loose is not None:
        rest, word = loose
        names.add(f"{name_key(rest)}|{fold_acronym(word)}")
    emails = frozenset(email.casefold() for email in record.emails if email)
    domains = frozenset(
        domain
        for domain in (email.rpartition("@")[2] for email in emails)
        if domain and not is_free_mail(domain)
    )
    numbers = _NUMBERS.findall(main)
    return MatchKeys(
        name=main,
        names=frozenset(names),
        local_names=frozenset((local,)) if local and local != main else _NONE,
        acronyms=frozenset(acronyms) if acronyms else _NONE,
        numbers=frozenset(numbers) if numbers else _NONE,
        countries=frozenset((record.country,)) if record.country else _NONE,
        emails=emails,
        domains=domains,
        websites=frozenset((website_key(record.website),)) if record.website else _NONE,
        phones=record.phones,
        label=record.name,
        local_label=record.local_name or "",
    )


def _merge_keys(keys: Iterable[MatchKeys]) -> MatchKeys:
    listed = list(keys)
    if len(listed) == 1:
        return listed[0]
    return MatchKeys(
        name=listed[0].name,
        names=frozenset().union(*(k.names for k in listed)),
        local_names=frozenset().union(*(k.local_names for k in listed)),
        acronyms=frozenset().union(*(k.acronyms for k in listed)),
        numbers=frozenset().union(*(k.numbers for k in listed)),
        countries=frozenset().union(*(k.countries for k in listed)),
        emails=frozenset().union(*(k.emails for k in listed)),
        domains=frozenset().union(*(k.domains for k in listed)),
        websites=frozenset().union(*(k.websites for k in listed)),
        phones=frozenset().union(*(k.phones for k in listed)),
        label=listed[0].label,
        local_label=next((k.local_label for k in listed if k.local_label), ""),
    )


_SCRIPT_NAMES = {
    "HANGUL": "Korean",
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "MYANMAR": "Burmese",
}


# The scripts whose names the catalogue translates.
_SCRIPT_WORDS = frozenset(
    {
        N_("Latin"),
        N_("Khmer"),
        N_("Thai"),
        N_("Lao"),
        N_("Burmese"),
        N_("Arabic"),
        N_("Hebrew"),
        N_("Cyrillic"),
        N_("Greek"),
        N_("Georgian"),
        N_("Armenian"),
        N_("Devanagari"),
        N_("Bengali"),
        N_("Tamil"),
        N_("Telugu"),
        N_("Sinhala"),
        N_("Ethiopic"),
        N_("Chinese"),
        N_("Japanese"),
        N_("Korean"),
    }
)


def script_label(text: str) -> str:
    """The script a name is written in, as a person names it ("Arabic", "Latin")."""
    for char in text:
        if char.isalpha():
            try:
                first = unicodedata.name(char).split()[0]
            except ValueError:
                return _("own-script")
            name = _SCRIPT_NAMES.get(first, first.capitalize())
            return _(name) if name in _SCRIPT_WORDS else name
    return _("own-script")


def _both_and_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not a & b


def _shown(values: frozenset[str]) -> str:
    return ", ".join(sorted(values)) or "none"


def contradiction(a: MatchKeys, b: MatchKeys) -> str | None:
    """The strong identifier that says two records are two organisations, if one does.

    An own-script name, a country, the numbers in a name, an acronym, an organisation's
    email domain or a website that both give and that differ: whatever signal brought
    them together, a person must decide.
    """
    if _both_and_apart(a.local_names, b.local_names):
        script = script_label(a.local_label or b.local_label)
        return _("{script} names differ ({first} / {second})").format(
            script=script, first=a.local_label, second=b.local_label
        )
    if _both_and_apart(a.countries, b.countries):
        return _("countries differ ({first} / {second})").format(
            first=_shown(a.countries), second=_shown(b.countries)
        )
    if a.numbers != b.numbers:
        return _("the numbers in the names differ ({first} / {second})").format(
            first=_shown(a.numbers), second=_shown(b.numbers)
        )
    if _both_and_apart(a.acronyms, b.acronyms):
        return _("acronyms differ ({first} / {second})").format(
            first=_shown(a.acronyms).upper(), second=_shown(b.acronyms).upper()
        )
    if _both_and_apart(a.domains, b.domains):
        return _("email domains differ ({first} / {second})").format(
            first=_shown(a.domains), second=_shown(b.domains)
        )
    if _both_and_apart(a.websites, b.websites):
        return _("websites differ ({first} / {second})").format(
            first=_shown(a.websites), second=_shown(b.websites)
        )
    return None


def _never_alike(a: MatchKeys, b: MatchKeys) -> bool:
    """Numbers, countries or websites that differ: not even worth a question."""
    return (
        a.numbers != b.numbers
        or _both_and_apart(a.countries, b.countries)
        or _both_and_apart(a.websites, b.websites)
    )


def names_differ(a: MatchKeys, b: MatchKeys) -> str | None:
    """How two names differ in whole words (a place, a branch), or None when they are
    the same name, one is the other's acronym, or they differ by a typo only."""
    if a.name == b.name or a.name in b.acronyms or b.name in a.acronyms:
        return None
    if (
        a.numbers == b.numbers
        and fuzz.token_sort_ratio(a.name, b.name) >= FUZZY_THRESHOLD
        and differing_words_alike(a.name, b.name)
    ):
        return None
    words_a, words_b = a.name.split(), b.name.split()
    shared = set(words_a) & set(words_b)
    if not shared:
        return _("names differ ({first} / {second})").format(first=a.label, second=b.label)
    rest_a = " ".join(word for word in words_a if word not in shared) or "nothing"
    rest_b = " ".join(word for word in words_b if word not in shared) or "nothing"
    return _("names differ ({first} / {second})").format(first=rest_a, second=rest_b)


@dataclass(frozen=True)
class ReviewPair:
    """Two organisations that may be one; the coordinator decides.

    ``group`` is a group of rows of the file; the other side is either another group
    (``other_group``) or an organisation already in the directory (``organisation_id``).
    """

    group: int
    other_group: int | None
    organisation_id: int | None
    score: int
    reason: str


@dataclass(frozen=True)
class Merge:
    """Why a row joined the organisation of another row (``row`` after ``joined``)."""

    row: int
    joined: int
    signal: str


@dataclass
class MatchResult:
    """Rows grouped into organisations, what each group already is, what to review.

    Attributes:
        groups: row indices of each group, groups in order of their first row.
        existing: group index -> the directory organisation it matched exactly.
        pairs: the likely duplicates left for review, best score first.
        merges: every automatic join of two rows, with the signal that joined them.
        existing_signals: group index -> the signal that matched it to the directory.
    """

    groups: list[list[int]]
    existing: dict[int, int]
    pairs: list[ReviewPair]
    merges: list[Merge] = dataclass_field(default_factory=list)
    existing_signals: dict[int, str] = dataclass_field(default_factory=dict)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> int:
        """Join the sets of ``a`` and ``b``; returns the root of the joined set."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)
        return min(root_a, root_b)


def _check(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def match_rows(
    rows: Sequence[MatchRecord],
    directory: Mapping[int, MatchRecord],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> MatchResult:
    """Group the rows of one file and match them against the directory.

    The grouping does not depend on the order of the rows: the same file sorted another
    way gives the same organisations.

    Args:
        rows: one record per importable row, in file order.
        directory: the organisations already stored, by id.
        progress: called with (done, total) as rows are processed.
        cancel: polled now and then; when it returns True, :class:`Cancelled` is raised.
    """
    total = 2 * len(rows) + 1
    row_keys = [match_keys(row) for row in rows]
    _check(cancel)
    groups, pending_pairs, merges = _group_rows(row_keys)
    if progress:
        progress(len(rows), total)
    group_keys = [
        row_keys[members[0]] if len(members) == 1 else _merge_keys(row_keys[i] for i in members)
        for members in groups
    ]
    directory_keys = {org_id: match_keys(record) for org_id, record in directory.items()}
    _check(cancel)
    existing, existing_signals, directory_pairs = _match_directory(group_keys, directory_keys)
    likely = _likely_pairs(
        group_keys,
        existing,
        directory_keys,
        cancel=cancel,
        progress=(
            (lambda done, of: progress(len(rows) + done * len(rows) // max(of, 1), total))
            if progress
            else None
        ),
    )
    group_of_row = {row: index for index, members in enumerate(groups) for row in members}
    # Where two signals name the same pair, the exact one (listed first) tells why.
    pairs = directory_pairs + [
        ReviewPair(group_of_row[row_a], group_of_row[row_b], None, score, reason)
        for row_a, row_b, score, reason in pending_pairs
    ]
    if progress:
        progress(total, total)
    return MatchResult(
        groups, existing, _best_per_target(pairs, likely, existing), merges, existing_signals
    )


PendingPair = tuple[int, int, int, str]
# More different rows than this under one exact key (a name like "Police" given by a
# hundred branches, one mailbox for a whole list): they are not compared pair by pair.
MAX_EXACT_BLOCK = 200


def _profile(keys: MatchKeys) -> tuple[object, ...]:
    """Everything that decides whether two rows may be merged; rows with equal
    profiles are the same organisation, and the order of profiles is the order in which
    joins are tried, so that it does not depend on the order of the rows."""
    return (
        keys.name,
        _ordered(keys.local_names),
        _ordered(keys.countries),
        _ordered(keys.numbers),
        _ordered(keys.acronyms),
        _ordered(keys.domains),
        _ordered(keys.websites),
        _ordered(keys.emails),
    )


def _ordered(values: frozenset[str]) -> tuple[str, ...]:
    # Most sets hold one value or none: no sort for them (this runs for every row).
    return tuple(values) if len(values) < 2 else tuple(sorted(values))


def _exact_signal(a: MatchKeys, b: MatchKeys, key: str) -> tuple[int, str, str | None]:
    """The exact signal ``key`` (a shared name or email) between two rows: its rank
    (names before emails), its description, and what contradicts it (None: a merge)."""
    if key.startswith("email:"):
        email = key.removeprefix("email:")
        domain = email.rpartition("@")[2]
        differ = names_differ(a, b)
        if is_free_mail(domain):
            # A personal mailbox is a person, who may sign for several organisations.
            return (
                2,
                _("same personal email {email}").format(email=email),
                differ or _("a personal address alone"),
            )
        return 2, _("same contact email {email}").format(email=email), differ or contradiction(a, b)
    name = key.removeprefix("name:")
    if "|" in name:  # name keys hold no "|": this is a name with its acronym
        acronym = name.rpartition("|")[2].upper()
        return 0, _("same name and acronym {acronym}").format(acronym=acronym), contradiction(a, b)
    if a.name == b.name:
        script = script_label(a.label)
        signal = (
            _("same {script} name").format(script=script)
            if a.local_names or b.local_names
            else _("same name")
        )
        return 0, signal, contradiction(a, b)
    script = script_label(a.local_label or b.local_label or b.label)
    if name in a.local_names and name in b.local_names:
        signal = _("same {script} name").format(script=script)
        differ = names_differ(a, b) if a.label and b.label else None
        if differ is not None:
            differ = _("{script} {difference}").format(
                script=script_label(a.label), difference=differ
            )
    else:
        signal = _("the {script} name of one is the name of the other").format(script=script)
        differ = None
    return 1, signal, contradiction(a, b) or differ


def _group_rows(
    row_keys: Sequence[MatchKeys],
) -> tuple[list[list[int]], list[PendingPair], list[Merge]]:
    """Merge rows on exact signals, whatever their order in the file.

    Rows with the same profile (:func:`_profile`) are one organisation. Different
    profiles that share a name or an email are compared pairwise; the joins are tried
    in the order of their profiles (not of the rows), and one is made only when nothing
    in either organisation as joined so far contradicts it; a contradicted signal
    becomes a review pair that names the contradiction.
    """
    union = _UnionFind(len(row_keys))
    merges: list[Merge] = []
    profiles: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, keys in enumerate(row_keys):
        profiles[_profile(keys)].append(index)
    by_name: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    by_email: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for profile, members in profiles.items():
        first = members[0]
        for other in members[1:]:
            union.union(first, other)
            merges.append(Merge(other, first, _("same name and details")))
        keys = row_keys[first]
        for name in keys.names:
            by_name[name].append(profile)
        for email in keys.emails:
            by_email[email].append(profile)
    # Only profiles that share a key are compared, and ordered (by their text).
    shared = [
        (rank, f"{kind}:{value}", bucket)
        for rank, kind, index in ((0, "name", by_name), (2, "email", by_email))
        for value, bucket in index.items()
        if 1 < len(bucket) <= MAX_EXACT_BLOCK
    ]
    order = {profile: repr(profile) for _, _, bucket in shared for profile in bucket}
    candidates: list[tuple[int, tuple[object, ...], tuple[object, ...], str]] = []
    for rank, key, bucket in shared:
        ordered = sorted(bucket, key=order.__getitem__)
        for position, profile_a in enumerate(ordered):
            for profile_b in ordered[position + 1 :]:
                candidates.append((rank, profile_a, profile_b, key))
    candidates.sort(key=lambda item: (item[0], order[item[1]], order[item[2]], item[3]))
    group_keys: dict[int, MatchKeys] = {}

    def keys_of(root: int) -> MatchKeys:
        if root not in group_keys:
            group_keys[root] = row_keys[root]
        return group_keys[root]

    pending: list[PendingPair] = []
    asked_under: dict[str, set[int]] = defaultdict(set)
    for _rank, profile_a, profile_b, key in candidates:
        row_a, row_b = sorted((profiles[profile_a][0], profiles[profile_b][0]))
        root_a, root_b = union.find(row_a), union.find(row_b)
        if root_a == root_b:
            continue
        _signal_rank, signal, against = _exact_signal(row_keys[row_a], row_keys[row_b], key)
        if against is None:
            # The rows agree; the organisations they already joined must agree too.
            against = contradiction(keys_of(root_a), keys_of(root_b))
        if against is not None:
            # One question per organisation under a key is enough to join any of them:
            # ten people called "Alexander" give nine pairs, not forty-five.
            asked = asked_under[key]
            if root_a not in asked or root_b not in asked:
                asked.update((root_a, root_b))
                score = 75 if key.startswith("email:") else 70
                pending.append((row_a, row_b, score, f"{signal}; {against}"))
            continue
        joined = _merge_keys((keys_of(root_a), keys_of(root_b)))
        group_keys.pop(root_a, None)
        group_keys.pop(root_b, None)
        group_keys[union.union(row_a, row_b)] = joined
        merges.append(Merge(row_b, row_a, signal))
    by_root: dict[int, list[int]] = {}
    for index in range(len(row_keys)):
        by_root.setdefault(union.find(index), []).append(index)
    groups = sorted(by_root.values(), key=lambda members: members[0])
    # A pending pair whose rows ended up merged through another signal is settled.
    settled = sorted(pair for pair in pending if union.find(pair[0]) != union.find(pair[1]))
    return groups, settled, merges


def _match_directory(
    group_keys: Sequence[MatchKeys],
    directory_keys: Mapping[int, MatchKeys],
) -> tuple[dict[int, int], dict[int, str], list[ReviewPair]]:
    """Exact matches of groups against the directory (name first, then email)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    by_email: dict[str, list[int]] = defaultdict(list)
    for org_id, keys in directory_keys.items():
        for name in keys.names:
            by_name[name].append(org_id)
        for email in keys.emails:
            by_email[email].append(org_id)
    existing: dict[int, int] = {}
    signals: dict[int, str] = {}
    pairs: list[ReviewPair] = []
    for group, keys in enumerate(group_keys):
        blocked: list[tuple[int, str]] = []
        matched: dict[int, str] = {}
        for rank_wanted in (0, 2):
            for key in sorted(
                [f"name:{name}" for name in keys.names]
                if rank_wanted == 0
                else [f"email:{email}" for email in keys.emails]
            ):
                index = by_name if rank_wanted == 0 else by_email
                for org_id in index.get(key.partition(":")[2], ()):
                    if org_id in matched:
                        continue
                    _, signal, against = _exact_signal(keys, directory_keys[org_id], key)
                    if against is None:
                        matched[org_id] = signal
                    else:
                        blocked.append((org_id, f"{signal}; {against}"))
            if matched:
                break
        if len(matched) == 1:
            org_id, signal = next(iter(matched.items()))
            existing[group] = org_id
            signals[group] = signal
            continue
        # Several stored organisations fit equally well: which one is for a person to say.
        pairs.extend(ReviewPair(group, None, org_id, 70, why) for org_id, why in blocked)
        pairs.extend(
            ReviewPair(
                group, None, org_id, 100, f"fits {len(matched)} stored organisations equally"
            )
            for org_id in sorted(matched)
        )
    return existing, signals, pairs


@dataclass(frozen=True)
class _Entity:
    """One side of a possible pair: a group of rows, or a directory organisation."""

    keys: MatchKeys
    group: int | None
    organisation_id: int | None


def _blocking_keys(keys: MatchKeys, word_counts: Mapping[str, int]) -> set[str]:
    blocks = {f"acronym:{acronym}" for acronym in keys.acronyms}
    blocks |= {f"domain:{domain}" for domain in keys.domains}
    blocks |= {f"phone:{phone}" for phone in keys.phones}
    words = [w for w in keys.name.split() if len(w) >= 3 and w not in _STOP_WORDS]
    words.sort(key=lambda word: (word_counts.get(word, 0), word))
    blocks |= {f"word:{word}" for word in words[:_RAREST_WORDS]}
    compact = keys.name.replace(" ", "")
    if len(words) <= _RAREST_WORDS and len(compact) >= _PREFIX_LENGTH:
        # A short name has too few words for a typo to leave one shared: its start
        # stands in for them.
        blocks.add(f"start:{compact[:_PREFIX_LENGTH]}")
    return blocks


def _likely_pairs(
    group_keys: Sequence[MatchKeys],
    existing: Mapping[int, int],
    directory_keys: Mapping[int, MatchKeys],
    *,
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> list[ReviewPair]:
    entities = [_Entity(keys, group, existing.get(group)) for group, keys in enumerate(group_keys)]
    entities += [_Entity(keys, None, org_id) for org_id, keys in directory_keys.items()]
    word_counts: dict[str, int] = defaultdict(int)
    for entity in entities:
        for word in set(entity.keys.name.split()):
            word_counts[word] += 1
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(entities):
        for block in _blocking_keys(entity.keys, word_counts):
            blocks[block].append(index)
    entity_blocks: dict[int, list[str]] = defaultdict(list)
    for block, members in blocks.items():
        if 1 < len(members) <= MAX_BLOCK:
            for member in members:
                entity_blocks[member].append(block)
    pairs: list[ReviewPair] = []
    for index, entity in enumerate(entities[: len(group_keys)]):
        if index % 500 == 0:
            _check(cancel)
            if progress:
                progress(index, len(group_keys))
        if entity.organisation_id is not None:
            continue  # already matched exactly: only new groups are proposed for review
        shared_signal: set[int] = set()
        spelled_alike: set[int] = set()
        for block in entity_blocks.get(index, ()):
            target = spelled_alike if block.startswith(("word:", "start:")) else shared_signal
            target.update(blocks[block])
        shared_signal.discard(index)
        spelled_alike.discard(index)
        if shared_signal or spelled_alike:
            pairs.extend(_score_candidates(index, entity, shared_signal, spelled_alike, entities))
    return pairs


def _score_candidates(
    index: int,
    entity: _Entity,
    shared_signal: set[int],
    spelled_alike: set[int],
    entities: Sequence[_Entity],
) -> Iterable[ReviewPair]:
    """Pairs of ``entity`` with the candidates that give a likely signal.

    ``shared_signal`` share an acronym or email domain; ``spelled_alike`` share a rare
    word or the start of the name, and count only if the names are similar enough.
    """

    def scored_here(other_index: int) -> bool:
        other = entities[other_index]
        # The pair of two new groups is scored once, from its first group.
        return other.group is None or other.organisation_id is not None or other_index > index

    ordered = [other for other in spelled_alike if scored_here(other)]
    similar = {
        ordered[position]: int(score)
        for _, score, position in process.extract(
            entity.keys.name,
            [entities[other].keys.name for other in ordered],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=FUZZY_THRESHOLD,
            limit=None,
        )
    }
    similar = {
        other: score
        for other, score in similar.items()
        if differing_words_alike(entity.keys.name, entities[other].keys.name)
    }
    assert entity.group is not None
    candidates = {other for other in shared_signal if scored_here(other)} | similar.keys()
    for other_index in sorted(candidates):
        other = entities[other_index]
        if _never_alike(entity.keys, other.keys):
            continue
        signals = _signals(entity.keys, other.keys, similar.get(other_index))
        if not signals:
            continue
        against = contradiction(entity.keys, other.keys)
        reason = "; ".join(text for _, text in sorted(signals, reverse=True))
        yield ReviewPair(
            entity.group,
            other.group if other.organisation_id is None else None,
            other.organisation_id,
            max(score for score, _ in signals),
            _("{reason}; but {against}").format(reason=reason, against=against)
            if against
            else reason,
        )


def differing_words_alike(a: str, b: str) -> bool:
    """Whether the words two similar names do not share look like one spelled twice.

    "Bucheon Women Workers Association" and "Incheon Women Workers Association" score
    high as wholes, but differ in a whole word (a place): two organisations. "Frends of
    Anne" and "Friends of Anne" differ in a typo. A name that only adds a one-letter
    initial ("Eugene" / "Eugene K") is still worth asking about.
    """
    words_a, words_b = a.split(), b.split()
    shared = set(words_a) & set(words_b)
    rest_a = " ".join(word for word in words_a if word not in shared)
    rest_b = " ".join(word for word in words_b if word not in shared)
    if not rest_a and not rest_b:
        return True
    if not rest_a or not rest_b:
        return len(rest_a or rest_b) == 1
    return fuzz.ratio(rest_a, rest_b) >= DIFFERING_WORDS_THRESHOLD


def _signals(a: MatchKeys, b: MatchKeys, similarity: int | None) -> list[tuple[int, str]]:
    signals: list[tuple[int, str]] = []
    shared_acronyms = a.acronyms & b.acronyms
    shared_countries = a.countries & b.countries
    if shared_acronyms and shared_countries:
        acronym = min(shared_acronyms).upper()
        signals.append(
            (
                90,
                _("same acronym {acronym} and country {value}").format(
                    acronym=acronym, value=min(shared_countries)
                ),
            )
        )
    elif a.names & b.acronyms or b.names & a.acronyms:
        signals.append((80, _("one is written as the other's acronym")))
    shared_domains = a.domains & b.domains
    if shared_domains:
        signals.append((80, _("same email domain {value}").format(value=min(shared_domains))))
    shared_phones = a.phones & b.phones
    if shared_phones:
        signals.append((75, _("same phone number {value}").format(value=min(shared_phones))))
    if similarity is not None:
        signals.append(
            (similarity, _("similar names ({similarity}%)").format(similarity=similarity))
        )
    return signals


def _best_per_target(
    exact: Iterable[ReviewPair], likely: Iterable[ReviewPair], existing: Mapping[int, int]
) -> list[ReviewPair]:
    """One pair per two organisations, with the new group on the left.

    An exact signal that was contradicted tells why before any likely signal (it names
    the contradiction); among likely signals, the best score does.

    A group that matched the directory exactly stands for its directory organisation;
    pairs of a thing with itself, or of two directory organisations, are dropped.
    """

    def side(group: int | None, organisation_id: int | None) -> tuple[str, int]:
        if group is not None:
            return ("group", group) if group not in existing else ("organisation", existing[group])
        assert organisation_id is not None
        return ("organisation", organisation_id)

    best: dict[tuple[tuple[str, int], tuple[str, int]], ReviewPair] = {}
    exact_keys: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for is_exact, pair in itertools.chain(
        ((True, pair) for pair in exact), ((False, pair) for pair in likely)
    ):
        left, right = sorted(
            (side(pair.group, None), side(pair.other_group, pair.organisation_id)),
            key=lambda item: (item[0] != "group", item[1]),
        )
        if left == right or left[0] == "organisation":
            continue
        canonical = ReviewPair(
            group=left[1],
            other_group=right[1] if right[0] == "group" else None,
            organisation_id=right[1] if right[0] == "organisation" else None,
            score=pair.score,
            reason=pair.reason,
        )
        key = (left, right)
        if key in exact_keys:
            continue
        if is_exact:
            exact_keys.add(key)
            best[key] = canonical
        elif key not in best or best[key].score < pair.score:
            best[key] = canonical
    return sorted(best.values(), key=lambda pair: (-pair.score, pair.group))
