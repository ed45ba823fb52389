"""The statement views: list, text and versions, sign-ons, progress and export."""
