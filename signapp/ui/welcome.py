"""The page shown on a first start, when the database holds nothing yet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget

from signapp.i18n import _
from signapp.ui.resources import icon
from signapp.ui.roles import show_as_page_title


class WelcomePage(QWidget):
    """Three ways to begin.

    Signals:
        new_statement_requested(), import_requested(), sample_requested()
    """

    new_statement_requested = Signal()
    import_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        logo = QLabel()
        logo.setPixmap(icon("signapp").pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(_("Welcome to signapp"))
        show_as_page_title(title)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(
            _(
                "Collect the organisations that sign a joint statement, keep their contacts "
                "safe, and publish the list of signatories, each name in its own script."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.new_statement_button = QCommandLinkButton(
            _("Create a statement"), _("Write or paste the text organisations are asked to sign.")
        )
        self.new_statement_button.clicked.connect(self.new_statement_requested)
        self.import_button = QCommandLinkButton(
            _("Import sign-ons"),
            _("Read a spreadsheet or form export of organisations that have signed."),
        )
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button = QCommandLinkButton(
            _("Open the sample campaign"),
            _(
                "A sample statement in English and Khmer, with a few dozen organisations "
                "from several countries, to try things out."
            ),
        )
        self.sample_button.clicked.connect(self.sample_requested)

        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(logo)
        column.addWidget(title)
        column.addSpacing(8)
        column.addWidget(intro)
        column.addSpacing(24)
        for button in (self.new_statement_button, self.import_button, self.sample_button):
            column.addWidget(button)
        column.addStretch(3)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
