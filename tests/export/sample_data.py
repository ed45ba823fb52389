"""Sample signatories in many scripts, and readers for the PDFs made from them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from sqlite_utils import Database

from signapp.core import organisations, signons

STATEMENT_TEXT = """# Protect civic space

We, the undersigned organisations, call for an end to the **harassment** of
*civil society*. Read [the report](https://example.org/report).

1. Repeal the restrictive law.
2. Release detained activists.

- radio stations
- newspapers

> Civic space is where we all live.
"""

KHMER_TEXT = "# សេចក្តីថ្លែងការណ៍រួម\n\nយើងខ្ញុំ​ជា​អង្គការ​សង្គម​ស៊ីវិល​ទាមទារ​ឱ្យ​បញ្ចប់​ការ​គាបសង្កត់។\n"


@dataclass(frozen=True)
class Org:
    name: str
    local_name: str | None = None
    acronym: str | None = None
    country: str | None = None
    kind: str = "local_ngo"
    public: bool = True


# Latin names whose order the tests check by reading the PDF's text back.
LATIN_ORGS = [
    Org("Ärzte für Menschenrechte", acronym="AfM", country="DE", kind="international_ngo"),
    Org("Banteay Srei Women's Group", country="KH", kind="community_group"),
    Org("Hội Liên hiệp Phụ nữ Hà Nội", country="VN", kind="community_group"),
    Org("Œuvre pour la Justice", country="FR", kind="international_ngo"),
    Org("Women & Children <Rights> Org", country="KH"),
    Org("<font size=60>Loud</font> Union", kind="trade_union"),
    Org("zebra Collective", country="GB", kind="other"),
]
OTHER_SCRIPT_ORGS = [
    Org("សម្ព័ន្ធខ្មែរការពារសិទ្ធិមនុស្ស", acronym="SKS", country="KH", kind="network"),
    Org(
        "Cambodian Human Rights Centre",
        local_name="មជ្ឈមណ្ឌលសិទ្ធិមនុស្សកម្ពុជា",
        acronym="CHRC",
        country="KH",
    ),
    Org("เครือข่ายสิทธิมนุษยชน", country="TH", kind="network"),
    Org("جمعية حقوق الإنسان", country="EG"),
    Org("မြန်မာ့ လူ့အခွင့်အရေး ကွန်ရက်", country="MM", kind="network"),
]
ANONYMOUS_ORGS = [
    Org("Hidden Harbour Association", country="KH", public=False),
    Org("Quiet River Collective", country="TH", public=False),
]


@dataclass(frozen=True)
class SampleStatement:
    db: Database
    statement_id: int
    contact_emails: list[str]
    contact_phones: list[str]
    contact_names: list[str]


def add_orgs(db: Database, statement_id: int, orgs: list[Org]) -> list[int]:
    ids = []
    for org in orgs:
        org_id = organisations.add_organisation(
            db,
            org.name,
            local_name=org.local_name,
            acronym=org.acronym,
            country=org.country,
            kind=org.kind,
        )
        signons.record_signon(db, statement_id, org_id, is_public=org.public)
        ids.append(org_id)
    return ids


def pdf_text(path: Path) -> str:
    """The PDF's text in NFC (shaped Vietnamese reads back with combining marks)."""
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return unicodedata.normalize("NFC", text)


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Base font name (subset prefix removed) -> whether the font file is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[name] = fonts.get(name, False) or embedded
    return fonts
