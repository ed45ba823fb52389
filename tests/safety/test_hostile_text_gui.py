"""Hostile names in the desktop directory: shown as written, layout intact."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from signapp.core import organisations
from signapp.ui.directory.view import DirectoryView
from signapp.ui.undo import UndoStack
from tests.safety.hostile import CONTROL_NAME, LONG_NAME, MARKUP_NAMES, RTL_OVERRIDE_NAME

HOSTILE_NAMES = [*MARKUP_NAMES, RTL_OVERRIDE_NAME, CONTROL_NAME, LONG_NAME]


@pytest.fixture
def directory(qtbot, db: Database):  # type: ignore[no-untyped-def]
    for name in HOSTILE_NAMES:
        organisations.add_organisation(db, name, notes="<i>note</i> & more")
    stack = UndoStack()
    view = DirectoryView(db, stack)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.load()
    yield view
    stack.clear()


def _shown(view: DirectoryView) -> list[str]:
    return [view.model.index(row, 0).data() for row in range(view.model.rowCount())]


def test_the_table_shows_every_hostile_name_as_written(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: directory.model.rowCount() == len(HOSTILE_NAMES))
    assert sorted(_shown(directory)) == sorted(name.strip() for name in HOSTILE_NAMES)


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda name: name[:12])
def test_the_detail_pane_shows_the_name_as_text_without_widening_the_window(
    qtbot, directory: DirectoryView, name: str
) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: directory.model.rowCount() == len(HOSTILE_NAMES))
    organisation_id = next(
        row.id
        for row in organisations.list_organisations(directory._db)
        if row.name == name.strip()
    )
    directory.detail.set_organisation(organisation_id)
    title = directory.detail.title
    assert title.text() == name.strip()
    assert title.textFormat().name == "PlainText"
    assert directory.minimumSizeHint().width() < 1200
    assert directory.width() <= 1200
