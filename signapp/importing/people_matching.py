"""Finding the same person twice, more strictly than the same organisation.

Namesakes are common and merging two people puts one person's name under another's
words, so only two signals merge on their own:

* the same email address (in any case), unless the names share no word at all;
* the same name (case and spacing aside) with the same affiliation, when no email,
  country, link or own-script name of either contradicts it.

Everything else that looks alike is a :class:`~signapp.importing.matching.ReviewPair`
for the coordinator: the same name with another affiliation, email, country or link;
the same name spelled with or without accents or "ё"; the same words in another order
(family name first or last). The grouping does not depend on the order of the rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from signapp.core.text import fold_for_match
from signapp.i18n import _
from signapp.importing.matching import MatchResult, Merge, ReviewPair, website_key

# More groups than this under one name are not paired one by one ("Alexander" given by
# a hundred people): each is asked about against the first only.
MAX_NAME_BLOCK = 200
# Stored people offered for review against one group of rows, at most.
MAX_STORED_PAIRS = 5
_MARKS = re.compile(r"[\u0300-\u036f]")
_NOT_WORD = re.compile(r"[^\w]+")
# Letters people write for one another in names: Cyrillic ё and е, й and и.
_LETTER_VARIANTS = str.maketrans({"ё": "е", "й": "и", "ъ": "ь"})


@dataclass(frozen=True)
class PersonRecord:
    """What matching needs to know of a person: one row, or a stored person."""

    name: str
    local_name: str | None = None
    affiliation: str | None = None
    country: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class PersonKeys:
    """The folded forms of one person (or of a group of rows) that matching compares."""

    exact: str
    loose: str
    swapped: str
    affiliations: frozenset[str]
    emails: frozenset[str]
    countries: frozenset[str]
    websites: frozenset[str]
    local_names: frozenset[str]
    label: str
    affiliation_labels: tuple[str, ...]


def exact_name_key(name: str) -> str:
    """A name with case, spacing and punctuation folded, and nothing else: "José" and
    "Jose", "Артём" and "Артем" stay apart here."""
    folded = unicodedata.normalize("NFC", name).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def loose_name_key(name: str) -> str:
    """A name with accents, marks and letter variants such as ё/е folded as well."""
    folded = unicodedata.normalize("NFD", fold_for_match(name))
    folded = unicodedata.normalize("NFC", _MARKS.sub("", folded)).translate(_LETTER_VARIANTS)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def _set(value: str) -> frozenset[str]:
    return frozenset((value,)) if value else frozenset()


def person_keys(record: PersonRecord) -> PersonKeys:
    loose = loose_name_key(record.name)
    affiliation = exact_name_key(record.affiliation or "")
    return PersonKeys(
        exact=exact_name_key(record.name),
        loose=loose,
        swapped=" ".join(sorted(loose.split())),
        affiliations=_set(affiliation),
        emails=_set((record.email or "").casefold()),
        countries=_set(record.country or ""),
        websites=_set(website_key(record.website)),
        local_names=_set(exact_name_key(record.local_name or "")),
        label=record.name,
        affiliation_labels=(record.affiliation,) if record.affiliation else (),
    )


def _joined(keys: Iterable[PersonKeys]) -> PersonKeys:
    listed = list(keys)
    first = listed[0]
    return PersonKeys(
        exact=first.exact,
        loose=first.loose,
        swapped=first.swapped,
        affiliations=frozenset().union(*(k.affiliations for k in listed)),
        emails=frozenset().union(*(k.emails for k in listed)),
        countries=frozenset().union(*(k.countries for k in listed)),
        websites=frozenset().union(*(k.websites for k in listed)),
        local_names=frozenset().union(*(k.local_names for k in listed)),
        label=first.label,
        affiliation_labels=tuple(dict.fromkeys(a for k in listed for a in k.affiliation_labels)),
    )


def _apart(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not a & b


def _shown(labels: Sequence[str], keys: frozenset[str]) -> str:
    return "; ".join(labels) if labels else ", ".join(sorted(keys))


def person_contradiction(a: PersonKeys, b: PersonKeys, *, by_email: bool = False) -> str | None:
    """What says two people of the same name are two people, if anything does.

    An affiliation given by one and not the other, or two different ones, is a
    contradiction for a merge by name (namesakes are common); for a merge by email it
    is a change of job, not another person.
    """
    found: list[str] = []
    if not by_email and a.affiliations != b.affiliations:
        if not a.affiliations or not b.affiliations:
            given = a if a.affiliations else b
            found.append(
                f"one gives an affiliation ({_shown(given.affiliation_labels, given.affiliations)})"
                ", the other none"
            )
        else:
            found.append(
                _("affiliations differ ({first} / {second})").format(
                    first=_shown(a.affiliation_labels, a.affiliations),
                    second=_shown(b.affiliation_labels, b.affiliations),
                )
            )
    if _apart(a.local_names, b.local_names):
        found.append(_("own-script names differ"))
    if _apart(a.emails, b.emails):
        found.append(_("emails differ"))
    if _apart(a.countries, b.countries):
        found.append(
            _("countries differ ({first} / {second})").format(
                first=_shown((), a.countries), second=_shown((), b.countries)
            )
        )
    if _apart(a.websites, b.websites):
        found.append(
            _("links differ ({first} / {second})").format(
                first=_shown((), a.websites), second=_shown((), b.websites)
            )
        )
    elif _only_other_details(a, b) or _only_other_details(b, a):
        found.append("one gives only a link, the other only an email")
    if (
        not by_email
        and len(a.exact.split()) < 2
        and not (a.emails & b.emails or a.websites & b.websites)
    ):
        found.append("a single name, which many people share")
    return "; ".join(found) or None


def _only_other_details(a: PersonKeys, b: PersonKeys) -> bool:
    return bool(a.websites) and not a.emails and bool(b.emails) and not b.websites


def _share_a_word(a: PersonKeys, b: PersonKeys) -> bool:
    return bool(set(a.loose.split()) & set(b.loose.split()))


def _profile(keys: PersonKeys) -> tuple[object, ...]:
    return (
        keys.exact,
        *(tuple(sorted(values)) for values in (
            keys.affiliations, keys.emails, keys.countries, keys.websites, keys.local_names
        )),
    )  # fmt: skip


class _Groups:
    """Union-find over rows, with the joined keys of each set."""

    def __init__(self, keys: Sequence[PersonKeys]) -> None:
        self.parent = list(range(len(keys)))
        self.keys = dict(enumerate(keys))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        keep, drop = min(root_a, root_b), max(root_a, root_b)
        self.parent[drop] = keep
        self.keys[keep] = _joined((self.keys[keep], self.keys.pop(drop)))


def match_people(rows: Sequence[PersonRecord], stored: Mapping[int, PersonRecord]) -> MatchResult:
    """Group the person rows of one file and match them against the stored people.

    ``ReviewPair.organisation_id`` and ``MatchResult.existing`` name stored people here.
    """
    row_keys = [person_keys(row) for row in rows]
    groups, merges, sets = _group(row_keys)
    group_keys = [sets[members[0]] for members in groups]
    pairs = _pairs_within(group_keys)
    existing, signals, stored_pairs = _match_stored(group_keys, stored)
    settled = [pair for pair in pairs if not _both_stored_same(pair, existing)]
    return MatchResult(groups, existing, stored_pairs + settled, merges, signals)


def _both_stored_same(pair: ReviewPair, existing: Mapping[int, int]) -> bool:
    if pair.other_group is None:
        return False
    left, right = existing.get(pair.group), existing.get(pair.other_group)
    return left is not None and left == right


def _group(
    row_keys: Sequence[PersonKeys],
) -> tuple[list[list[int]], list[Merge], dict[int, PersonKeys]]:
    """Rows joined by the same details, the same email, or the same name and
    affiliation; each join tried in an order set by the rows' details, not their place
    in the file, and made only when nothing either side holds contradicts it."""
    groups = _Groups(row_keys)
    merges: list[Merge] = []
    profiles: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, keys in enumerate(row_keys):
        profiles[_profile(keys)].append(index)
    order = {profile: repr(profile) for profile in profiles}
    buckets: dict[str, set[tuple[object, ...]]] = defaultdict(set)
    for profile, members in profiles.items():
        for other in members[1:]:
            groups.union(members[0], other)
            merges.append(Merge(other, members[0], _("same name and details")))
        keys = row_keys[members[0]]
        for email in keys.emails:
            buckets[f"0email:{email}"].add(profile)
        buckets[f"1name:{keys.exact}\x1f{sorted(keys.affiliations)}"].add(profile)
    candidates: list[tuple[str, str, str, tuple[object, ...], tuple[object, ...]]] = []
    for key, bucket in buckets.items():
        if len(bucket) < 2 or len(bucket) > MAX_NAME_BLOCK:
            continue
        ordered = sorted(bucket, key=order.__getitem__)
        candidates.extend(
            (key, order[a], order[b], a, b)
            for position, a in enumerate(ordered)
            for b in ordered[position + 1 :]
        )
    candidates.sort(key=lambda item: item[:3])
    for key, _rank, _tie, profile_a, profile_b in candidates:
        row_a, row_b = sorted((profiles[profile_a][0], profiles[profile_b][0]))
        root_a, root_b = groups.find(row_a), groups.find(row_b)
        if root_a == root_b:
            continue
        keys_a, keys_b = groups.keys[root_a], groups.keys[root_b]
        if key.startswith("0email:"):
            if not _share_a_word(row_keys[row_a], row_keys[row_b]):
                continue  # asked about as a review pair
            if person_contradiction(keys_a, keys_b, by_email=True) is not None:
                continue
            signal = f"same email {key.removeprefix('0email:')}"
        else:
            if person_contradiction(keys_a, keys_b) is not None:
                continue
            signal = _("same name and affiliation")
        groups.union(row_a, row_b)
        merges.append(Merge(row_b, row_a, signal))
    by_root: dict[int, list[int]] = {}
    for index in range(len(row_keys)):
        by_root.setdefault(groups.find(index), []).append(index)
    ordered_groups = sorted(by_root.values(), key=lambda members: members[0])
    sets = {members[0]: groups.keys[groups.find(members[0])] for members in ordered_groups}
    return ordered_groups, merges, sets


def pair_reason(a: PersonKeys, b: PersonKeys) -> tuple[int, str] | None:
    """Why two people may be one (score, reason), or None when nothing suggests it."""
    shared_email = a.emails & b.emails
    if shared_email:
        return 85, _("same email {value}; names differ ({first} / {second})").format(
            value=min(shared_email), first=a.label, second=b.label
        )
    if a.exact == b.exact:
        against = person_contradiction(a, b) or _("the same name")
        return 80, _("same name; {against}").format(against=against)
    if a.loose == b.loose:
        return 75, _("the same name spelled differently ({first} / {second})").format(
            first=a.label, second=b.label
        )
    if a.swapped == b.swapped and a.loose != b.loose:
        return 70, _("the same names in another order ({first} / {second})").format(
            first=a.label, second=b.label
        )
    return None


def _pairs_within(group_keys: Sequence[PersonKeys]) -> list[ReviewPair]:
    """Groups that may be one person: one question per group under each key (its
    first namesake), so ten people called "Alexander" give nine questions."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for group, keys in enumerate(group_keys):
        for key in {f"exact:{keys.exact}", f"loose:{keys.loose}", f"swapped:{keys.swapped}"}:
            buckets[key].append(group)
        for email in keys.emails:
            buckets[f"email:{email}"].append(group)
    seen: set[tuple[int, int]] = set()
    pairs: list[ReviewPair] = []
    for key in sorted(buckets):
        members = buckets[key]
        if len(members) < 2:
            continue
        first = members[0]
        for other in members[1:]:
            if (first, other) in seen:
                continue
            found = pair_reason(group_keys[first], group_keys[other])
            if found is None:
                continue
            seen.add((first, other))
            pairs.append(ReviewPair(first, other, None, *found))
    pairs.sort(key=lambda pair: (-pair.score, pair.group, pair.other_group or 0))
    return pairs


def _match_stored(
    group_keys: Sequence[PersonKeys], stored: Mapping[int, PersonRecord]
) -> tuple[dict[int, int], dict[int, str], list[ReviewPair]]:
    """Which stored person each group is (by email, or by name and affiliation), and
    the stored people that may be one of the groups."""
    stored_keys = {person_id: person_keys(record) for person_id, record in stored.items()}
    index: dict[str, list[int]] = defaultdict(list)
    for person_id, keys in stored_keys.items():
        for key in {f"exact:{keys.exact}", f"loose:{keys.loose}", f"swapped:{keys.swapped}"}:
            index[key].append(person_id)
        for email in keys.emails:
            index[f"email:{email}"].append(person_id)
    existing: dict[int, int] = {}
    signals: dict[int, str] = {}
    pairs: list[ReviewPair] = []
    for group, keys in enumerate(group_keys):
        by_email = sorted(
            {
                person_id
                for email in keys.emails
                for person_id in index.get(f"email:{email}", ())
                if _share_a_word(keys, stored_keys[person_id])
                and person_contradiction(keys, stored_keys[person_id], by_email=True) is None
            }
        )
        by_name = sorted(
            person_id
            for person_id in index.get(f"exact:{keys.exact}", ())
            if person_contradiction(keys, stored_keys[person_id]) is None
        )
        for found, signal in ((by_email, "same email"), (by_name, "same name and affiliation")):
            if len(found) == 1:
                existing[group], signals[group] = found[0], signal
                break
        candidates = sorted(
            {
                person_id
                for key in (f"exact:{keys.exact}", f"loose:{keys.loose}", f"swapped:{keys.swapped}")
                for person_id in index.get(key, ())
            }
            | {person_id for email in keys.emails for person_id in index.get(f"email:{email}", ())}
        )
        offered = 0
        for person_id in candidates:
            if existing.get(group) == person_id or offered >= MAX_STORED_PAIRS:
                continue
            found_reason = pair_reason(keys, stored_keys[person_id])
            if found_reason is None:
                continue
            score, reason = found_reason
            if len(by_name) > 1 and person_id in by_name:
                reason = f"fits {len(by_name)} stored people equally"
            pairs.append(ReviewPair(group, None, person_id, score, reason))
            offered += 1
    return existing, signals, pairs
