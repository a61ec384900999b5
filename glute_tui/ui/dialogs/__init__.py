"""Dialogs (modal screens) shared by or split out of the screens."""
