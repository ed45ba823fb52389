"""The user guide inside the app: topics on the left, the chosen one on the right.

The text is ``resources/guide/guide.md``, one topic per ``## `` heading. F1 opens it at
the topic of the view in front.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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

from signapp.bundled import resource_path, resources_folder
from signapp.i18n import _, interface_language

GUIDE_FILE = ("guide", "guide.md")
GUIDE_SIZE = (860, 600)


# A translated guide ends each heading with the English title it stands for, in braces:
# "## ចាប់ផ្តើម {Getting started}". The views ask for topics by their English title.
_TOPIC_KEY = re.compile(r"\s*\{([^{}]+)\}\s*$")


@dataclass(frozen=True)
class GuideTopic:
    title: str
    markdown: str
    key: str
    """The English title, by which views ask for the topic."""


def guide_file(language: str) -> Path:
    """``guide.<language>.md`` where the guide is translated, else the English one."""
    translated = resources_folder() / GUIDE_FILE[0] / f"guide.{language}.md"
    return translated if translated.is_file() else resource_path(*GUIDE_FILE)


def guide_topics(language: str | None = None) -> tuple[GuideTopic, ...]:
    """The guide's topics in the order they are written, in ``language`` (default: the
    interface language) where it is translated."""
    return _topics(guide_file(language or interface_language()))


@cache
def _topics(path: Path) -> tuple[GuideTopic, ...]:
    topics = []
    for part in path.read_text(encoding="utf-8").split("\n## "):
        heading, _newline, body = part.removeprefix("## ").partition("\n")
        key_match = _TOPIC_KEY.search(heading)
        title = _TOPIC_KEY.sub("", heading).strip()
        if title:
            key = key_match.group(1).strip() if key_match else title
            topics.append(GuideTopic(title, f"# {title}\n{body}", key))
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
        """Show the topic with the English title ``title`` (the first one if None or
        unknown)."""
        keys = [topic.key for topic in self.topics]
        self.topic_list.setCurrentRow(keys.index(title) if title in keys else 0)

    def current_topic(self) -> str:
        """The English title of the topic shown."""
        return self.topics[self.topic_list.currentRow()].key

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
