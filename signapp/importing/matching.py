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

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from signapp.core.errors import Cancelled
from signapp.core.text import fold_for_match

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
    """ "CRS", "K-NGO", "ECHO": one short word, upper case, no lower-case letter."""
    if " " in text.strip():
        return False
    compact = text.replace("-", "").replace(".", "").replace("&", "")
    return (
        2 <= len(compact) <= 12
        and any(char.isalpha() for char in compact)
        and not any(char.islower() for char in compact)
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
        if acronym is None and _acronym_like(inside):
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
    return _SEPARATORS.sub(" ", _ascii_digits(folded)).split()


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


@dataclass(frozen=True)
class MatchKeys:
    """The folded forms of a :class:`MatchRecord` that matching compares."""

    name: str
    names: frozenset[str]
    acronyms: frozenset[str]
    numbers: frozenset[str]
    countries: frozenset[str]
    emails: frozenset[str]
    domains: frozenset[str]
    websites: frozenset[str]


def website_key(url: str | None) -> str:
    """A web address without scheme, "www.", case or trailing slash, for comparison."""
    if not url:
        return ""
    address = url.strip().casefold().split("://", 1)[-1].removeprefix("www.")
    return address.rstrip("/")


def match_keys(record: MatchRecord) -> MatchKeys:
    """Fold a record once; every comparison then uses these keys."""
    main = name_key(record.name)
    names = {main}
    if record.local_name:
        names.add(name_key(record.local_name))
    names.discard("")
    acronyms = {fold_acronym(record.acronym)} if record.acronym else set()
    _, bracketed = split_acronym(record.name)
    if bracketed:
        acronyms.add(fold_acronym(bracketed))
    if _acronym_like(record.name.strip()):
        acronyms.add(fold_acronym(record.name))
    acronyms.discard("")
    emails = frozenset(email.casefold() for email in record.emails if email)
    domains = frozenset(
        domain
        for domain in (email.rpartition("@")[2] for email in emails)
        if domain and not is_free_mail(domain)
    )
    return MatchKeys(
        name=main,
        names=frozenset(names),
        acronyms=frozenset(acronyms),
        numbers=frozenset(_NUMBERS.findall(main)),
        countries=frozenset({record.country} if record.country else ()),
        emails=emails,
        domains=domains,
        websites=frozenset({website_key(record.website)} if record.website else ()),
    )


def _merge_keys(keys: Iterable[MatchKeys]) -> MatchKeys:
    listed = list(keys)
    if len(listed) == 1:
        return listed[0]
    return MatchKeys(
        name=listed[0].name,
        names=frozenset().union(*(k.names for k in listed)),
        acronyms=frozenset().union(*(k.acronyms for k in listed)),
        numbers=frozenset().union(*(k.numbers for k in listed)),
        countries=frozenset().union(*(k.countries for k in listed)),
        emails=frozenset().union(*(k.emails for k in listed)),
        domains=frozenset().union(*(k.domains for k in listed)),
        websites=frozenset().union(*(k.websites for k in listed)),
    )


def conflict(a: MatchKeys, b: MatchKeys) -> str | None:
    """Why two records cannot be one organisation without a person saying so, if so."""
    if a.numbers != b.numbers:
        return "the numbers in the names differ"
    if a.countries and b.countries and not a.countries & b.countries:
        return "the countries differ"
    if a.websites and b.websites and not a.websites & b.websites:
        return "the websites differ"
    return None


def _names_agree(a: MatchKeys, b: MatchKeys) -> bool:
    """Whether two names may well be one: equal, one the other's acronym, or similar."""
    if a.names & b.names or a.names & b.acronyms or b.names & a.acronyms:
        return True
    return fuzz.token_sort_ratio(a.name, b.name) >= 60


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


@dataclass
class MatchResult:
    """Rows grouped into organisations, what each group already is, what to review.

    Attributes:
        groups: row indices of each group, groups in order of their first row.
        existing: group index -> the directory organisation it matched exactly.
        pairs: the likely duplicates left for review, best score first.
    """

    groups: list[list[int]]
    existing: dict[int, int]
    pairs: list[ReviewPair]


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

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


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

    Args:
        rows: one record per importable row, in file order.
        directory: the organisations already stored, by id.
        progress: called with (done, total) as rows are processed.
        cancel: polled now and then; when it returns True, :class:`Cancelled` is raised.
    """
    total = 2 * len(rows) + 1
    row_keys = [match_keys(row) for row in rows]
    _check(cancel)
    groups, pending_pairs = _group_rows(row_keys)
    if progress:
        progress(len(rows), total)
    group_keys = [_merge_keys(row_keys[i] for i in members) for members in groups]
    directory_keys = {org_id: match_keys(record) for org_id, record in directory.items()}
    _check(cancel)
    existing, directory_pairs = _match_directory(group_keys, directory_keys)
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
    pairs += likely
    if progress:
        progress(total, total)
    return MatchResult(groups, existing, _best_per_target(pairs, existing))


PendingPair = tuple[int, int, int, str]


def _group_rows(row_keys: Sequence[MatchKeys]) -> tuple[list[list[int]], list[PendingPair]]:
    """Merge rows on exact signals; exact signals blocked by a conflict become pairs."""
    union = _UnionFind(len(row_keys))
    first_with_name: dict[str, int] = {}
    first_with_email: dict[str, int] = {}
    pending: list[PendingPair] = []
    for index, keys in enumerate(row_keys):
        for name in keys.names:
            other = first_with_name.setdefault(name, index)
            if other != index and union.find(other) != union.find(index):
                why = conflict(keys, row_keys[other])
                if why is None:
                    union.union(other, index)
                else:
                    pending.append((other, index, 70, f"same name, but {why}"))
        for email in keys.emails:
            other = first_with_email.setdefault(email, index)
            if other == index or union.find(other) == union.find(index):
                continue
            why = conflict(keys, row_keys[other])
            if why is None and _names_agree(keys, row_keys[other]):
                union.union(other, index)
            else:
                reason = f"same contact email {email}, but " + (why or "the names differ")
                pending.append((other, index, 75, reason))
    by_root: dict[int, list[int]] = {}
    for index in range(len(row_keys)):
        by_root.setdefault(union.find(index), []).append(index)
    groups = sorted(by_root.values(), key=lambda members: members[0])
    # A pending pair whose rows ended up merged through another signal is settled.
    settled = [pair for pair in pending if union.find(pair[0]) != union.find(pair[1])]
    return groups, settled


def _match_directory(
    group_keys: Sequence[MatchKeys],
    directory_keys: Mapping[int, MatchKeys],
) -> tuple[dict[int, int], list[ReviewPair]]:
    """Exact matches of groups against the directory (name first, then email)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    by_email: dict[str, list[int]] = defaultdict(list)
    for org_id, keys in directory_keys.items():
        for name in keys.names:
            by_name[name].append(org_id)
        for email in keys.emails:
            by_email[email].append(org_id)
    existing: dict[int, int] = {}
    pairs: list[ReviewPair] = []
    for group, keys in enumerate(group_keys):
        blocked: list[tuple[int, str]] = []
        by_name_match: set[int] = set()
        for name in keys.names:
            for org_id in by_name.get(name, ()):
                why = conflict(keys, directory_keys[org_id])
                if why is None:
                    by_name_match.add(org_id)
                else:
                    blocked.append((org_id, f"same name, but {why}"))
        by_email_match: set[int] = set()
        for email in sorted(keys.emails):
            for org_id in by_email.get(email, ()):
                other = directory_keys[org_id]
                why = conflict(keys, other)
                if why is None and _names_agree(keys, other):
                    by_email_match.add(org_id)
                else:
                    blocked.append(
                        (org_id, f"same contact email {email}, but {why or 'the names differ'}")
                    )
        matched = by_name_match or by_email_match
        if len(matched) == 1:
            existing[group] = next(iter(matched))
            continue
        # Several stored organisations fit equally well: which one is for a person to say.
        pairs.extend(ReviewPair(group, None, org_id, 70, why) for org_id, why in blocked)
        pairs.extend(
            ReviewPair(
                group, None, org_id, 100, f"fits {len(matched)} stored organisations equally"
            )
            for org_id in sorted(matched)
        )
    return existing, pairs


@dataclass(frozen=True)
class _Entity:
    """One side of a possible pair: a group of rows, or a directory organisation."""

    keys: MatchKeys
    group: int | None
    organisation_id: int | None


def _blocking_keys(keys: MatchKeys, word_counts: Mapping[str, int]) -> set[str]:
    blocks = {f"acronym:{acronym}" for acronym in keys.acronyms}
    blocks |= {f"domain:{domain}" for domain in keys.domains}
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
        if conflict(entity.keys, other.keys) is not None:
            continue
        signals = _signals(entity.keys, other.keys, similar.get(other_index))
        if not signals:
            continue
        yield ReviewPair(
            entity.group,
            other.group if other.organisation_id is None else None,
            other.organisation_id,
            max(score for score, _ in signals),
            "; ".join(text for _, text in sorted(signals, reverse=True)),
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
        signals.append((90, f"same acronym {acronym} and country {min(shared_countries)}"))
    elif a.names & b.acronyms or b.names & a.acronyms:
        signals.append((80, "one is written as the other's acronym"))
    shared_domains = a.domains & b.domains
    if shared_domains:
        signals.append((80, f"same email domain {min(shared_domains)}"))
    if similarity is not None:
        signals.append((similarity, f"similar names ({similarity}%)"))
    return signals


def _best_per_target(pairs: Iterable[ReviewPair], existing: Mapping[int, int]) -> list[ReviewPair]:
    """One pair per two organisations (the best), with the new group on the left.

    A group that matched the directory exactly stands for its directory organisation;
    pairs of a thing with itself, or of two directory organisations, are dropped.
    """

    def side(group: int | None, organisation_id: int | None) -> tuple[str, int]:
        if group is not None:
            return ("group", group) if group not in existing else ("organisation", existing[group])
        assert organisation_id is not None
        return ("organisation", organisation_id)

    best: dict[tuple[tuple[str, int], tuple[str, int]], ReviewPair] = {}
    for pair in pairs:
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
        if (left, right) not in best or best[(left, right)].score < pair.score:
            best[(left, right)] = canonical
    return sorted(best.values(), key=lambda pair: (-pair.score, pair.group))
