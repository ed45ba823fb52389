"""Dialogs that keep the data safe: passphrase, restore from backup, erase an organisation.

Each dialog takes what it works on through its constructor (a path, an open
database, an organisation id) and calls :mod:`signapp.core`; none holds SQL.
"""
