"""Forms and dialogs of the directory: organisation, contact and merge."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Generic, cast

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from signapp.core.contacts import clean_contact_fields
from signapp.core.fields import ContactFields, OrganisationFields
from signapp.core.model import Contact, Organisation, OrganisationRow, OrgKind
from signapp.core.organisations import clean_organisation_fields
from signapp.i18n import _, country_name, ngettext
from signapp.ui.forms import Fields, ValidatedForm, field_errors


@cache
def _country_names() -> tuple[str, ...]:
    import pycountry  # loaded when a country is first typed, not at start-up

    return tuple(sorted(country_name(country.alpha_2) for country in pycountry.countries))


def add_organisation_fields(form: ValidatedForm) -> None:
    form.add_line(
        "name", _("&Name"), placeholder=_("As the organisation writes it in Latin script")
    )
    form.add_line(
        "local_name", _("&Own-script name"), placeholder=_("e.g. in Khmer, Thai or Arabic")
    )
    form.add_line("acronym", _("&Acronym"))
    form.add_choice("kind", _("&Kind"), [(kind.label, kind.value) for kind in OrgKind])
    form.add_line(
        "country",
        _("&Country"),
        placeholder=_("Country name or ISO code"),
        completions=_country_names,
    )
    form.add_line("website", _("&Website"))
    form.add_text("notes", _("No&tes"))


def organisation_form_values(organisation: Organisation) -> OrganisationFields:
    return {
        "name": organisation.name,
        "local_name": organisation.local_name,
        "acronym": organisation.acronym,
        "kind": organisation.kind.value,
        "country": country_name(organisation.country) if organisation.country else "",
        "website": organisation.website,
        "notes": organisation.notes,
    }


def organisation_errors(values: OrganisationFields) -> dict[str, str]:
    return field_errors(clean_organisation_fields, values)


def organisation_changes(
    organisation: Organisation, values: OrganisationFields
) -> tuple[OrganisationFields, OrganisationFields]:
    """The fields the form changes, as (values before, values typed); both empty if none."""
    cleaned = clean_organisation_fields(values)
    current: dict[str, Any] = {
        "name": organisation.name,
        "local_name": organisation.local_name,
        "acronym": organisation.acronym,
        "kind": organisation.kind.value,
        "country": organisation.country,
        "website": organisation.website,
        "notes": organisation.notes,
    }
    changed = [field for field in current if cleaned[field] != current[field]]
    typed: dict[str, Any] = dict(values)
    return (
        cast(OrganisationFields, {f: current[f] for f in changed}),
        cast(OrganisationFields, {f: typed[f] for f in changed}),
    )


def add_contact_fields(form: ValidatedForm, *, with_primary: bool) -> None:
    form.add_line("name", _("&Name"))
    form.add_line("role", _("&Role"), placeholder=_("e.g. Director, campaigns officer"))
    form.add_line("email", _("&Email"))
    form.add_line(
        "phone", _("&Phone"), placeholder=_("With country prefix, or local to the country")
    )
    form.add_text("notes", _("No&tes"))
    if with_primary:
        form.add_check("is_primary", _("&Primary contact"))


def contact_form_values(contact: Contact) -> ContactFields:
    return {
        "name": contact.name,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "notes": contact.notes,
    }


class FormDialog(QDialog, Generic[Fields]):
    """A dialog around a :class:`ValidatedForm` that only closes on valid input.

    ``build`` adds the fields of one record (``Fields``); ``validate`` returns the
    errors per field; the dialog stays open while any remain.
    """

    def __init__(
        self,
        title: str,
        build: Callable[[ValidatedForm], None],
        validate: Callable[[Fields], dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._validate = validate
        self.form = ValidatedForm(self)
        build(self.form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def values(self) -> Fields:
        return cast(Fields, self.form.values())  # the fields ``build`` added

    def accept(self) -> None:
        errors = self._validate(self.values())
        if errors:
            self.form.show_errors(errors)
            return
        super().accept()


def new_organisation_dialog(parent: QWidget | None) -> FormDialog[OrganisationFields]:
    return FormDialog(_("New organisation"), add_organisation_fields, organisation_errors, parent)


def contact_dialog(
    parent: QWidget | None, country: str | None, contact: Contact | None = None
) -> FormDialog[ContactFields]:
    """A dialog to add a contact (``contact`` None) or edit one; phones default to
    ``country``."""

    def validate(values: ContactFields) -> dict[str, str]:
        return field_errors(lambda one: clean_contact_fields(one, country), values)

    dialog = FormDialog(
        _("Edit contact") if contact else _("Add contact"),
        lambda form: add_contact_fields(form, with_primary=contact is None),
        validate,
        parent,
    )
    if contact is not None:
        dialog.form.set_values(contact_form_values(contact))
    return dialog


def _describe(row: OrganisationRow) -> str:
    parts = [row.name]
    if row.local_name:
        parts.append(f"({row.local_name})")
    details = [country_name(row.country)] if row.country else []
    details.append(
        ngettext("{count:,} contact", "{count:,} contacts", row.contact_count).format(
            count=row.contact_count
        )
    )
    details.append(
        ngettext(
            "{count:,} statement signed", "{count:,} statements signed", row.statements_signed
        ).format(count=row.statements_signed)
    )
    return f"{' '.join(parts)} — {', '.join(details)}"


def completeness(row: OrganisationRow) -> int:
    """How much a record holds: its filled details, its contacts and its sign-ons."""
    details = (row.local_name, row.acronym, row.country, row.kind is not OrgKind.OTHER)
    return sum(1 for detail in details if detail) + row.contact_count + row.statements_signed


class MergeDialog(QDialog):
    """Asks which of two organisations to keep; the other is folded into it."""

    def __init__(
        self, first: OrganisationRow, second: OrganisationRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge organisations"))
        self._rows = (first, second)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("These two records are the same organisation. Keep:")))
        self._choices = QButtonGroup(self)
        for number, row in enumerate(self._rows):
            button = QRadioButton(_describe(row))
            button.setObjectName(f"keep_{number}")
            self._choices.addButton(button, number)
            layout.addWidget(button)
        # The fuller record is kept unless the person chooses otherwise: the first one
        # selected is often the bare duplicate that was just typed in.
        fuller = 1 if completeness(second) > completeness(first) else 0
        self._choices.button(fuller).setChecked(True)
        explanation = QLabel(
            _(
                "The contacts and sign-ons of the other one move to the one kept, and details "
                "it lacks are filled in. Where both answered the same statement, the stronger "
                "answer and the more private listing choice are kept. You can undo the merge."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)

    def choose_keep(self, organisation_id: int) -> None:
        for number, row in enumerate(self._rows):
            if row.id == organisation_id:
                self._choices.button(number).setChecked(True)

    def kept_and_dropped(self) -> tuple[OrganisationRow, OrganisationRow]:
        keep = self._choices.checkedId()
        return self._rows[keep], self._rows[1 - keep]
