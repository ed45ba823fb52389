"""Who a reply is from: an organisation of the directory, or a new one by name.

In order of trust: a known contact's address; the organisation's own mail or web domain
(never a personal mailbox such as Gmail); an organisation named in the answer or the
signature block, compared as the import compares names; else a new organisation with
the name the signature gives.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from signapp.importing.matching import (
    fold_acronym,
    fold_for_match,
    is_free_mail,
    name_key,
    split_acronym,
    website_key,
)
from signapp.importing.plan import DirectoryOrganisation

_LONGEST_NAME_WORDS = 12
_ORGANISATION_WORDS = re.compile(
    r"\b(association|network|union|federation|foundation|fund|centre|center|council|"
    r"coalition|alliance|committee|institute|society|league|movement|organi[sz]ation|ngo|"
    r"forum|group|collective|project|initiative|campaign|trust|watch|rights|action|"
    r"partnership|cooperative|co-operative|youth|women|workers|solidarity)\b"
    r"|សមាគម|អង្គការ|បណ្ដាញ|បណ្តាញ|សហជីព|មជ្ឈមណ្ឌល|សម្ព័ន្ធ|សហព័ន្ធ|គណៈកម្មាធិការ|ក្រុម|វេទិកា",
    re.IGNORECASE,
)
_ON_BEHALF = re.compile(
    r"\bon behalf of (the )?(?P<name>[^,.;:\n]{3,100})|\bជំនួសមុខ(?P<km>[^\n។]{2,80})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SenderMatch:
    organisation_id: int | None
    new_name: str | None
    reason: str


class Directory:
    """The directory folded once, so each message is matched in a few lookups."""

    def __init__(self, organisations: Sequence[DirectoryOrganisation]) -> None:
        self.names: dict[int, str] = {}
        self.by_email: dict[str, set[int]] = defaultdict(set)
        self.by_domain: dict[str, set[int]] = defaultdict(set)
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.by_acronym: dict[str, set[int]] = defaultdict(set)
        self.unspaced_names: dict[str, set[int]] = defaultdict(set)
        for organisation in organisations:
            org_id = organisation.id
            self.names[org_id] = organisation.name
            for email in organisation.emails:
                self.by_email[email.casefold()].add(org_id)
                domain = email.rpartition("@")[2].casefold()
                if domain and not is_free_mail(domain):
                    self.by_domain[domain].add(org_id)
            site = website_key(organisation.website)
            if site:
                host = site.split("/", 1)[0]
                if host and not is_free_mail(host):
                    self.by_domain[host].add(org_id)
            for name in (organisation.name, organisation.local_name):
                key = name_key(name)
                if not key:
                    continue
                self.by_name[key].add(org_id)
                if " " not in key and not key.isascii() and len(key) >= 4:
                    self.unspaced_names[key].add(org_id)
            acronyms = {organisation.acronym, split_acronym(organisation.name)[1]}
            for acronym in acronyms:
                folded = fold_acronym(acronym) if acronym else ""
                if len(folded) >= 3:
                    self.by_acronym[folded].add(org_id)

    def match(
        self, sender: str | None, answer: str, signature: str, sender_name: str | None = None
    ) -> SenderMatch:
        if sender:
            address = sender.casefold()
            found = self._one(self.by_email.get(address, ()))
            if found is not None:
                return SenderMatch(found, None, f"{address} is a contact of {self.names[found]}")
            domain = address.rpartition("@")[2]
            if domain and not is_free_mail(domain):
                for candidate in _domain_and_parents(domain):
                    found = self._one(self.by_domain.get(candidate, ()))
                    if found is not None:
                        return SenderMatch(
                            found, None, f"{candidate} is the domain of {self.names[found]}"
                        )
        named = self._named_in(signature) or self._named_in(answer)
        if named is not None:
            return SenderMatch(named, None, f"names {self.names[named]}")
        new_name = proposed_name(signature, answer)
        if not new_name and sender_name and _ORGANISATION_WORDS.search(sender_name):
            new_name = _tidy(sender_name)
        if new_name:
            return SenderMatch(None, new_name, "not in the directory; name from the message")
        return SenderMatch(None, None, "not in the directory, and no organisation named")

    @staticmethod
    def _one(ids: Iterable[int]) -> int | None:
        found = set(ids)
        return next(iter(found)) if len(found) == 1 else None

    def _named_in(self, text: str) -> int | None:
        if not text.strip():
            return None
        found: set[int] = set()
        for line in text.split("\n")[:40]:
            words = name_key(line).split()
            for start in range(len(words)):
                for end in range(start + 1, min(len(words), start + _LONGEST_NAME_WORDS) + 1):
                    found |= self.by_name.get(" ".join(words[start:end]), set())
            for token in re.findall(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b", line):
                found |= self.by_acronym.get(fold_acronym(token), set())
        if self.unspaced_names:
            folded = fold_for_match(text)
            for key, ids in self.unspaced_names.items():
                if key in folded:
                    found |= ids
        return self._one(found)


def _domain_and_parents(domain: str) -> list[str]:
    """``mail.cchr.org.kh`` -> itself, then ``cchr.org.kh`` and ``org.kh``: an office's
    mail server often sits below the domain its website has."""
    labels = domain.split(".")
    return [".".join(labels[index:]) for index in range(0, max(1, len(labels) - 1))]


def proposed_name(signature: str, answer: str) -> str | None:
    """The organisation a message names for itself, for a new directory entry."""
    behalf = _ON_BEHALF.search(answer) or _ON_BEHALF.search(signature)
    if behalf:
        name = (behalf.group("name") or behalf.group("km") or "").strip()
        if name:
            return _tidy(name)
    for line in signature.split("\n"):
        for part in _SIGNATURE_SEPARATORS.split(line):
            candidate = _tidy(part)
            found = _ORGANISATION_WORDS.search(candidate)
            if found and len(candidate) <= 150:
                # A Khmer title before the name ("នាយកប្រតិបត្តិ សមាគម…"): the name starts
                # with the word that says what kind of organisation it is.
                if found.start() and not found.group().isascii():
                    candidate = candidate[found.start() :]
                return candidate
    return None


# "Name | Title | Organisation", "Name, Title – Organisation": the parts of a line.
_SIGNATURE_SEPARATORS = re.compile(r"\s*[|•·]\s*|\s+[–—-]\s+|,\s+(?=[^,]*$)")


def _tidy(text: str) -> str:
    text = re.sub(
        r"^(director|coordinator|president|chair|secretary|executive director|"
        r"programme officer|program officer)\s*[,|–-]\s*",
        "",
        text.strip(),
        flags=re.I,
    )
    return text.strip(" \t-–|,*_")
