"""The Qt desktop interface. It calls signapp.core and holds no SQL.

The store and the libraries under it are imported here, before any PySide6 module.
Once loaded, PySide6 reads the source file of every module imported after it (to
find those that switch on its ``__feature__`` options); for the 250 modules of the
store and its libraries that took longer at start-up than importing them.
"""

import pycountry  # noqa: F401

import signapp.core.directory
import signapp.core.encryption
import signapp.core.erase
import signapp.core.progress
import signapp.core.reminders
import signapp.core.sample
import signapp.core.statement_snapshots
import signapp.core.textdiff
import signapp.export.font_files  # noqa: F401
