"""The user guide inside the app: topics on the left, the chosen one on the right.

The text is ``resources/guide/guide.md``, one topic per ``## `` heading. F1 opens it at
the topic of the view in front.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from signapp.i18n import _
from signapp.ui.resources import resource_path

GUIDE_FILE = ("guide", "guide.md")
GUIDE_SIZE = (860, 600)


@dataclass(frozen=True)
class GuideTopic:
    title: str
    markdown: str


@cache
def guide_topics() -> tuple[GuideTopic, ...]:
    """The guide's topics in the order they are written."""
    text = resource_path(*GUIDE_FILE).read_text(encoding="utf-8")
    topics = []
    for part in text.split("\n## "):
        heading, _, body = part.removeprefix("## ").partition("\n")
        if heading.strip():
            topics.append(GuideTopic(heading.strip(), f"# {heading.strip()}\n{body}"))
    return tuple(topics)


class GuideDialog(QDialog):
    """A window beside the main one (not modal): the guide can stay open while working."""

    def __init__(self, topic: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("signapp user guide"))
        self.setModal(False)
        self.topics = guide_topics()
        self.topic_list = QListWidget()
        self.topic_list.setAccessibleName(_("Guide topics"))
        self.topic_list.addItems([topic.title for topic in self.topics])
        self.topic_list.setMaximumWidth(200)
        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Guide text"))
        self.text.setOpenExternalLinks(False)
        self.topic_list.currentRowChanged.connect(self._show_topic)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.topic_list)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(*GUIDE_SIZE)
        self.show_topic(topic)

    def show_topic(self, title: str | None) -> None:
        """Show the topic titled ``title`` (the first one if None or unknown)."""
        titles = [topic.title for topic in self.topics]
        self.topic_list.setCurrentRow(titles.index(title) if title in titles else 0)

    def current_topic(self) -> str:
        return self.topics[self.topic_list.currentRow()].title

    def _show_topic(self, row: int) -> None:
        if 0 <= row < len(self.topics):
            self.text.document().setMarkdown(
                self.topics[row].markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub
            )
            self.text.verticalScrollBar().setValue(0)


def raise_guide(existing: GuideDialog | None, topic: str, parent: QWidget) -> GuideDialog:
    """Show the guide at ``topic``, reusing the open guide window if there is one."""
    guide = existing if existing is not None else GuideDialog(topic, parent)
    guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    guide.show_topic(topic)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
