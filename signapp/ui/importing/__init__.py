"""Importing sign-ons from a form export: the wizard that maps, reviews and imports."""
